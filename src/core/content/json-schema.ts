import {z} from 'zod'
import {playbookSchema} from '../playbook/schema.js'

/** The playbook schema as JSON Schema, for editors' autocompletion; generated from the one zod schema. */
export function playbookJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(playbookSchema, {io: 'input', target: 'draft-2020-12'}),
    title: 'runbook playbook',
  }
}

/** The regulation file schema as JSON Schema. */
export async function regulationJsonSchema(): Promise<Record<string, unknown>> {
  const {regulationSchema} = await import('../regulations/schema.js')
  return {...z.toJSONSchema(regulationSchema, {io: 'input', target: 'draft-2020-12'}), title: 'runbook regulation'}
}

/** The drill scenario schema as JSON Schema. */
export async function scenarioJsonSchema(): Promise<Record<string, unknown>> {
  const {scenarioSchema} = await import('../drills/schema.js')
  return {...z.toJSONSchema(scenarioSchema, {io: 'input', target: 'draft-2020-12'}), title: 'runbook drill scenario'}
}

/** The two directory files (supervisory authorities, law-enforcement contacts) as one JSON Schema. */
export async function directoryJsonSchema(): Promise<Record<string, unknown>> {
  const {supervisoryAuthoritiesFileSchema, lawEnforcementFileSchema} = await import('../directory/schema.js')
  const either = z.union([supervisoryAuthoritiesFileSchema, lawEnforcementFileSchema])
  return {...z.toJSONSchema(either, {io: 'input', target: 'draft-2020-12'}), title: 'runbook directory'}
}

/** A template's front matter as JSON Schema (for editors that validate YAML front matter). */
export async function templateJsonSchema(): Promise<Record<string, unknown>> {
  const {templateMetaSchema} = await import('../notices/schema.js')
  return {...z.toJSONSchema(templateMetaSchema, {io: 'input', target: 'draft-2020-12'}), title: 'runbook template front matter'}
}

/** The workspace's runbook.yaml as JSON Schema (the organisation, regions, roster, notices, store). */
export async function workspaceJsonSchema(): Promise<Record<string, unknown>> {
  const {workspaceConfigSchema} = await import('../workspace/config.js')
  return {...z.toJSONSchema(workspaceConfigSchema, {io: 'input', target: 'draft-2020-12', unrepresentable: 'any'}), title: 'runbook workspace (runbook.yaml)'}
}
