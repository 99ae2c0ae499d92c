import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {stepsInOrder} from '../../src/core/playbook/order.js'
import type {Playbook} from '../../src/core/playbook/schema.js'
import {durationToMs} from '../../src/core/time/duration.js'
import {playbookFiles} from '../../src/store/playbooks.js'

const files = playbookFiles().filter((f) => f.origin === 'built-in')
const playbooks = files.map((f) => f.playbook!) as Playbook[]
const PRIORITY_FACTS = ['functional_impact', 'information_impact', 'recoverability']

describe('what every built-in playbook says', () => {
  it.each(playbooks.map((p) => [p.id, p] as const))('%s cites its guides and SP 800-61 Rev. 3, reviewed on 2026-11-30', (_id, playbook) => {
    expect(playbook.description).toMatch(/NIST SP 800-61 Rev\. 3/)
    expect(playbook.description).not.toMatch(/800-61 Rev\. 2|800-61r2/)
    // At least one guide besides SP 800-61 itself: a named publication with its date or number.
    expect(playbook.description.replace(/NIST SP 800-61 Rev\. 3[^)]*\)?/, '')).toMatch(/Guide|Guidelines|Cheat Sheet|PSA|Playbook|SP \d{3}-\d+/)
    expect(playbook.reviewed_at).toBe('2026-11-30')
  })

  it.each(files.map((f) => [f.playbook!.id, f.file] as const))('%s names its sources, their dates and how sure we are in its header', (_id, file) => {
    const header = readFileSync(file, 'utf8').split('\nid:')[0]!
    expect(header).toMatch(/# Sources \(reviewed 2026-11-30; confidence: /)
    expect(header).toMatch(/SP 800-61 Rev\. 3 \(April 2025\)/)
  })

  it.each(playbooks.map((p) => [p.id, p] as const))('%s asks the three prioritisation facts early (a step due within 4 hours)', (_id, playbook) => {
    for (const fact of PRIORITY_FACTS) {
      const asking = stepsInOrder(playbook).filter((s) => s.asks?.some((a) => a.fact === fact))
      expect(asking.length, `${playbook.id} asks ${fact}`).toBeGreaterThan(0)
      expect(
        asking.some((s) => s.target && durationToMs(s.target) <= durationToMs('4h')),
        `${playbook.id} asks ${fact} in a step due within 4h`,
      ).toBe(true)
    }
  })

  it('shows the law-enforcement contacts wherever a step asks whether the police were told', () => {
    // The walk lists the contacts for the incident's countries under a step whose id names law-enforcement.
    const asking = playbooks.flatMap((p) =>
      stepsInOrder(p)
        .filter((s) => s.asks?.some((a) => a.fact === 'law_enforcement_notified'))
        .map((s) => `${p.id}/${s.id}`),
    )
    expect(asking.length).toBeGreaterThanOrEqual(6)
    for (const step of asking) expect(step).toMatch(/\/notify-law-enforcement$/)
  })
})

describe('the safe-harbour question', () => {
  const asks = playbooks.flatMap((p) =>
    stepsInOrder(p).flatMap((s) => (s.asks ?? []).filter((a) => a.fact === 'encrypted').map((a) => ({playbook: p.id, text: `${a.prompt} ${a.help ?? ''}`}))),
  )

  it('is asked where it matters', () => {
    expect(asks.map((a) => a.playbook).sort()).toEqual(['lost-device', 'ransomware', 'vendor-breach'])
  })

  it.each(asks.map((a) => [a.playbook, a.text] as const))(
    '%s: asks about encryption in place before the breach, with a key the attacker did not get',
    (_id, text) => {
      expect(text).toMatch(/before (the breach|it was lost)/i)
      expect(text).toMatch(/\b(you|yourselves)\b/i)
      expect(text).toMatch(/key/i)
    },
  )

  it('in the ransomware playbook, excludes the attacker’s encryption in so many words', () => {
    const text = asks.find((a) => a.playbook === 'ransomware')!.text.replace(/\s+/g, ' ')
    expect(text).toMatch(/had you yourselves encrypted the data that was taken/)
    expect(text).toMatch(/The attacker's encryption of your files does not count: then answer no\./)
    expect(text).not.toMatch(/^Was the stolen data itself encrypted/)
  })
})
