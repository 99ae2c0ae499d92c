import {describe, expect, it} from 'vitest'
import {checkScenario} from '../../src/core/drills/check.js'
import type {Scenario} from '../../src/core/drills/schema.js'
import type {Playbook} from '../../src/core/playbook/schema.js'
import {TINY_PLAYBOOK} from '../helpers/events.js'
import {TINY_SCENARIO} from '../helpers/stored.js'
import {orgFactDefinitions} from '../../src/core/facts/org-definitions.js'

const playbooks = new Map<string, Playbook>([
  ['tiny', TINY_PLAYBOOK],
  ['ransomware', {...TINY_PLAYBOOK, id: 'ransomware'}],
])
const inject = (id: string, at: string, more: Partial<Scenario['injects'][number]> = {}) => ({id, at, from: 'SOC', title: id, message: 'm', ...more})

describe('checkScenario', () => {
  it('finds nothing wrong with a sound scenario', () => {
    expect(checkScenario(TINY_SCENARIO, playbooks)).toEqual([])
  })

  it('names an unknown playbook and lists the available ones in order', () => {
    expect(checkScenario({...TINY_SCENARIO, playbook: 'phishing'}, playbooks)).toEqual([
      {path: ['playbook'], message: 'unknown playbook "phishing"; available: ransomware, tiny'},
    ])
  })

  it('reports unknown facts at the start and in injects', () => {
    const problems = checkScenario({...TINY_SCENARIO, facts: {severity: 'high'}, injects: [inject('a', '+0m', {sets: {'affected.XX': 3}})]}, playbooks)
    expect(problems.map((p) => p.path)).toEqual([
      ['facts', 'severity'],
      ['injects', 0, 'sets', 'affected.XX'],
    ])
    expect(problems[0]!.message).toMatch(/^unknown fact "severity"\. Known facts: aware_at, /)
    expect(problems[1]!.message).toBe('unknown fact "affected.XX": "XX" is not an ISO 3166-1 country code (for example DE, FR, JP, US, BR)')
  })

  it('takes signed offsets for instants and refuses a malformed one', () => {
    expect(checkScenario({...TINY_SCENARIO, facts: {aware_at: '-2d', contained_at: '+1d4h30m'}}, playbooks)).toEqual([])
    expect(checkScenario({...TINY_SCENARIO, facts: {aware_at: '-2 days'}}, playbooks)).toEqual([
      {path: ['facts', 'aware_at'], message: 'aware_at: expected an offset such as "-2d" or "+30m"'},
    ])
  })

  it("takes the organisation's own facts, and an absolute time (not an offset) for its own instants", () => {
    const own = orgFactDefinitions({
      contract_signed_at: {type: 'instant', description: 'when the customer contract was signed'},
      tier: {type: 'text', description: 'the customer tier'},
    })
    expect(checkScenario({...TINY_SCENARIO, facts: {tier: 'gold', contract_signed_at: '2026-01-05T09:00:00Z'}}, playbooks, own)).toEqual([])
    expect(checkScenario({...TINY_SCENARIO, facts: {tier: 'gold'}}, playbooks)[0]!.message).toMatch(/^unknown fact "tier"/)
    expect(checkScenario({...TINY_SCENARIO, facts: {contract_signed_at: '-2d'}}, playbooks, own)).toEqual([
      {
        path: ['facts', 'contract_signed_at'],
        message: 'contract_signed_at: an offset ("-2d") is read only for runbook\'s own times; give this one a date and time',
      },
    ])
  })

  it('checks other values against the vocabulary', () => {
    const problems = checkScenario({...TINY_SCENARIO, facts: {aware_at: 'yesterday', risk: 'extreme', 'affected.total': -1, encrypted: 'no'}}, playbooks)
    expect(problems).toEqual([
      {path: ['facts', 'aware_at'], message: 'aware_at: expected an ISO 8601 instant'},
      {path: ['facts', 'risk'], message: 'risk: expected one of: none, low, risk, high'},
      {path: ['facts', 'affected.total'], message: 'affected.total: expected a whole number'},
      {path: ['facts', 'encrypted'], message: 'encrypted: expected true or false'},
    ])
  })

  it('refuses duplicate inject ids and injects out of time order', () => {
    const problems = checkScenario({...TINY_SCENARIO, injects: [inject('a', '+1h'), inject('b', '+30m'), inject('a', '+2h'), inject('c', '+1h30m')]}, playbooks)
    expect(problems).toEqual([
      {path: ['injects', 1, 'at'], message: 'injects must be in time order'},
      {path: ['injects', 2, 'id'], message: 'duplicate inject id "a"'},
      {path: ['injects', 3, 'at'], message: 'injects must be in time order'},
    ])
  })

  it('lets two injects arrive at the same time', () => {
    expect(checkScenario({...TINY_SCENARIO, injects: [inject('a', '+1h'), inject('b', '+60m')]}, playbooks)).toEqual([])
  })

  it('refuses an expected step the playbook does not have', () => {
    const problems = checkScenario({...TINY_SCENARIO, injects: [inject('a', '+0m', {expects: {step: 'isolate', within: '+1h'}})]}, playbooks)
    expect(problems).toEqual([{path: ['injects', 0, 'expects', 'step'], message: 'playbook tiny has no step "isolate"'}])
  })

  it('does not pile step errors on top of an unknown playbook', () => {
    const problems = checkScenario({...TINY_SCENARIO, playbook: 'nope', injects: [inject('a', '+0m', {expects: {step: 'isolate', within: '+1h'}})]}, playbooks)
    expect(problems.map((p) => p.path)).toEqual([['playbook']])
  })
})
