import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseYamlWith, formatProblem} from '../../src/core/content/yaml-source.js'
import {lawEnforcementFileSchema, supervisoryAuthoritiesFileSchema} from '../../src/core/directory/schema.js'

const dir = new URL('../../directory/', import.meta.url).pathname
const SCHEMAS = {'supervisory-authorities.yaml': supervisoryAuthoritiesFileSchema, 'law-enforcement.yaml': lawEnforcementFileSchema} as const

describe('the directories of authorities and contact points', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(`${name} is valid`, () => {
      const schema = SCHEMAS[name as keyof typeof SCHEMAS]
      expect(schema, `unknown directory file ${name}`).toBeDefined()
      const result = parseYamlWith(schema, readFileSync(join(dir, name), 'utf8'), `directory/${name}`)
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([])
    })
  }
})
