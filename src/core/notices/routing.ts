import {z} from 'zod'
import {conditionSchema} from '../conditions/condition-schema.js'
import {evaluate, type Facts} from '../conditions/condition.js'
import {canonicalRegion, expandRegion, regionOrGroupProblem} from '../facts/regions.js'

/**
 * Which notice a reader gets, by where they live: a route names regions (countries, subdivisions or groups such as
 * EEA) and the template their law calls for, optionally in a language. The most specific route wins: a subdivision
 * over its country, a country over a group; the workspace's routes (runbook.yaml notices.routes) come first.
 */
export const routeSchema = z.strictObject({
  regions: z.array(z.string().refine((code) => regionOrGroupProblem(code) === null, 'expected an ISO 3166 code (US, US-MA, JP) or a group (EEA, EU)')).min(1),
  template: z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, 'expected a template id such as customer/us'),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional()
    .describe("the language the law expects the notice in, when the reader's own is not available (e.g. ja for Japan)"),
  when: conditionSchema.optional().describe('the route applies only when this holds (e.g. a HIPAA covered entity sends the HIPAA notice)'),
  note: z.string().optional(),
})

export const routesFileSchema = z.strictObject({
  last_reviewed: z.iso.date(),
  routes: z.array(routeSchema).min(1),
})

export type Route = z.infer<typeof routeSchema>

/** How specific a route is for a region: 3 the subdivision itself, 2 its country, 1 a group containing it, 0 none. */
function specificity(route: Route, region: string): number {
  const canonical = canonicalRegion(region)
  const country = canonical.split('-')[0]!
  let best = 0
  for (const code of route.regions) {
    if (code === canonical) best = Math.max(best, canonical.includes('-') ? 3 : 2)
    else if (code === country) best = Math.max(best, 2)
    else if (expandRegion(code).includes(country)) best = Math.max(best, 1)
  }
  return best
}

/**
 * The route for a reader's jurisdiction: the first most specific one whose condition holds on the facts (one that
 * does not hold, or is not known yet, is passed over). Undefined when no law in the table covers it.
 */
export function routeFor(routes: readonly Route[], jurisdiction: string, facts: Facts = {}): Route | undefined {
  let found: Route | undefined
  let score = 0
  for (const route of routes) {
    if (route.when && evaluate(route.when, facts).result !== 'yes') continue
    const s = specificity(route, jurisdiction)
    if (s > score) {
      found = route
      score = s
    }
  }
  return found
}

/** Whether a template serves readers in a jurisdiction (it is the route for it). */
export function templateServes(routes: readonly Route[], templateId: string, jurisdiction: string, facts: Facts = {}): boolean {
  return routeFor(routes, jurisdiction, facts)?.template === templateId
}
