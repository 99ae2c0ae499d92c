import {describe, expect, it} from 'vitest'
import {checkPlaybook} from '../../src/core/playbook/check.js'
import type {Playbook, Step} from '../../src/core/playbook/schema.js'
import {TINY_PLAYBOOK} from '../helpers/events.js'

const step = (id: string, more: Partial<Step> = {}): Step => ({id, title: id, guidance: 'Do it.', owner: 'legal', csf_function: 'respond', ...more})
const playbook = (phases: Playbook['phases']): Playbook => ({...TINY_PLAYBOOK, phases})

describe('checkPlaybook', () => {
  it('finds nothing wrong with a sound playbook', () => {
    expect(checkPlaybook(TINY_PLAYBOOK)).toEqual([])
  })

  it('refuses a step id used twice, pointing at the first use', () => {
    const problems = checkPlaybook(
      playbook([
        {phase: 'preparation', steps: [step('declare'), step('notify')]},
        {phase: 'post-incident', steps: [step('notify')]},
      ]),
    )
    expect(problems).toEqual([
      {path: ['phases', 1, 'steps', 0, 'id'], message: 'duplicate step id "notify" (first used at phases[0].steps[1]); step ids must be unique in a playbook'},
    ])
  })

  it('refuses a phase listed twice', () => {
    const problems = checkPlaybook(
      playbook([
        {phase: 'preparation', steps: [step('a')]},
        {phase: 'preparation', steps: [step('b')]},
      ]),
    )
    expect(problems).toEqual([{path: ['phases', 1, 'phase'], message: 'phase "preparation" appears twice; put all its steps under one entry'}])
  })

  it('refuses phases out of the SP 800-61 order, saying what the order is', () => {
    const problems = checkPlaybook(
      playbook([
        {phase: 'post-incident', steps: [step('a')]},
        {phase: 'detection-analysis', steps: [step('b')]},
      ]),
    )
    expect(problems).toEqual([
      {
        path: ['phases', 1, 'phase'],
        message: 'phase "detection-analysis" is out of order; the order is preparation, detection-analysis, containment-eradication-recovery, post-incident',
      },
    ])
  })

  it('refuses a question about a fact the vocabulary does not have', () => {
    const problems = checkPlaybook(
      playbook([
        {
          phase: 'preparation',
          steps: [
            step('a', {
              asks: [
                {fact: 'risk', prompt: 'Risk?'},
                {fact: 'severity', prompt: 'How bad?'},
              ],
            }),
          ],
        },
      ]),
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toEqual(['phases', 0, 'steps', 0, 'asks', 1, 'fact'])
    expect(problems[0]!.message).toMatch(/^unknown fact "severity"\. Known facts: /)
  })

  it('refuses a condition on an unknown fact or region, however deeply nested', () => {
    const when = {all: [{fact: 'risk', equals: 'high'}, {not: {fact: 'sevrity', equals: 'high'}}, {any: [{affected_in: ['US-ZZ'], at_least: 1}]}]}
    const problems = checkPlaybook(playbook([{phase: 'preparation', steps: [step('a', {when})]}]))
    expect(problems.map((p) => p.path)).toEqual([
      ['phases', 0, 'steps', 0, 'when'],
      ['phases', 0, 'steps', 0, 'when'],
    ])
    expect(problems[0]!.message).toMatch(/^condition refers to an unknown fact "sevrity"\. /)
    expect(problems[1]!.message).toMatch(/^"US-ZZ" is not a subdivision of US; valid ones: US-AL, .*; groups: EU, EEA$/)
  })

  it('refuses a condition comparing a fact with a value it can never have: the step never applied, and validate said ok', () => {
    const when = {any: [{fact: 'risk', equals: 'hihg'}, {not: {fact: 'encrypted', equals: 'false'}}, {fact: 'affected.total', in: ['500']}]}
    const problems = checkPlaybook(playbook([{phase: 'preparation', steps: [step('a', {when})]}]))
    expect(problems.map((p) => p.message)).toEqual([
      'condition compares risk: "hihg" is not one of none, low, risk, high',
      'condition compares encrypted: "false" is not true or false (write it without quotes)',
      'condition compares affected.total: "500" is not a number (write it without quotes)',
    ])
  })

  it('accepts region groups and regional fact keys in conditions', () => {
    const when = {any: [{affected_in: ['EEA'], at_least: 1}, {fact: 'affected.US-CA', more_than: 500}, {established_in: ['EU']}]}
    expect(checkPlaybook(playbook([{phase: 'preparation', steps: [step('a', {when})]}]))).toEqual([])
  })

  it('accepts after: naming earlier or later steps of the same playbook', () => {
    const problems = checkPlaybook(
      playbook([
        {phase: 'preparation', steps: [step('a'), step('b', {after: ['c']})]},
        {phase: 'post-incident', steps: [step('c', {after: ['a']})]},
      ]),
    )
    expect(problems).toEqual([])
  })

  it('refuses after: naming a step that does not exist, or the step itself', () => {
    const problems = checkPlaybook(playbook([{phase: 'preparation', steps: [step('a', {after: ['a', 'isolate']})]}]))
    expect(problems).toEqual([
      {path: ['phases', 0, 'steps', 0, 'after', 0], message: 'step "a" cannot come after itself'},
      {path: ['phases', 0, 'steps', 0, 'after', 1], message: 'no step "isolate" in this playbook; after: names step ids of the same playbook'},
    ])
  })

  it('refuses a cycle of after: references, naming every step in it once', () => {
    const problems = checkPlaybook(
      playbook([
        {phase: 'preparation', steps: [step('a', {after: ['c']}), step('b', {after: ['a']})]},
        {phase: 'post-incident', steps: [step('c', {after: ['b']}), step('d', {after: ['c']})]},
      ]),
    )
    expect(problems).toEqual([
      {
        path: ['phases', 0, 'steps', 0, 'after'],
        message: 'after: makes a cycle (a after c after b after a), so none of these steps would ever be offered; remove one of the references',
      },
    ])
  })
})
