import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {workspaceJsonSchema} from '../../src/core/content/json-schema.js'
import {ROOT} from '../helpers/cli.js'

describe('the JSON Schema of runbook.yaml', () => {
  it('is generated from the one zod schema and committed (regenerate with npm run build)', async () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'runbook.schema.json'), 'utf8')) as Record<string, unknown>
    expect(committed).toEqual(await workspaceJsonSchema())
  })

  it('describes what a workspace declares, with the organisation required', async () => {
    const schema = (await workspaceJsonSchema()) as {properties: Record<string, unknown>; required?: string[]}
    for (const key of ['organization', 'roster', 'notices', 'store', 'facts', 'establishments']) expect(Object.keys(schema.properties)).toContain(key)
    expect(schema.required).toContain('organization')
  })
})
