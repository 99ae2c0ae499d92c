import {z} from 'zod'
import type {Condition} from './condition.js'

const factTest = z.union(
  [
    z.strictObject({fact: z.string(), equals: z.union([z.string(), z.number(), z.boolean()])}),
    z.strictObject({fact: z.string(), includes: z.string()}),
    z.strictObject({fact: z.string(), includes_any: z.array(z.string()).min(1)}),
    z.strictObject({fact: z.string(), in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)}),
    z.strictObject({fact: z.string(), at_least: z.number()}),
    z.strictObject({fact: z.string(), more_than: z.number()}),
    z.strictObject({fact: z.string(), is_set: z.boolean()}),
    z.strictObject({
      affected_in: z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
      at_least: z.number().int().optional(),
      more_than: z.number().int().optional(),
      per_subdivision: z.boolean().optional(),
    }),
    z.strictObject({known: z.string()}),
    z.strictObject({established_in: z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]))}),
  ],
  {error: 'expected a condition such as {fact: data_categories, includes: health}, {fact: affected.total, more_than: 500}, or all/any/not'},
)

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      factTest,
      z.strictObject({all: z.array(conditionSchema).min(1)}),
      z.strictObject({any: z.array(conditionSchema).min(1)}),
      z.strictObject({not: conditionSchema}),
    ],
    {error: 'expected a condition such as {fact: data_categories, includes: health}, {fact: affected.total, more_than: 500}, or all/any/not'},
  ),
)
