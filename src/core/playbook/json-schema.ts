import {z} from 'zod'
import {playbookSchema} from './schema.js'

/** The playbook schema as JSON Schema, for editors' autocompletion; generated from the one zod schema. */
export function playbookJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(playbookSchema, {io: 'input', target: 'draft-2020-12'}),
    title: 'runbook playbook',
  }
}
