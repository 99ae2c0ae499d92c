import {describe, expect, it} from 'vitest'
import {describeEvent, timestampKind} from '../../src/core/incident/describe.js'
import {EVENT_TYPES, type EventDraft, type StoredEvent} from '../../src/core/incident/events.js'
import {openDrafts} from '../helpers/events.js'
import {store, TINY_SCENARIO} from '../helpers/stored.js'

const titles = new Map([
  ['declare', 'Declare'],
  ['scope', 'Scope'],
])
const one = (draft: EventDraft): StoredEvent => store([draft])[0]!
const says = (draft: EventDraft) => describeEvent(one(draft), titles)
const actor = 'bob'

describe('describeEvent', () => {
  it('says which incident opened, with its playbook, and marks a drill', () => {
    const [opened] = openDrafts()
    expect(says(opened!)).toBe('Incident inc-1 opened: Test incident (playbook tiny v1.0)')
    expect(says({...opened!, payload: {...(opened!.payload as object), drill: true}} as EventDraft)).toBe(
      'Incident inc-1 opened: Test incident (playbook tiny v1.0) [EXERCISE]',
    )
  })

  it('closes and reopens, with the reason when there is one', () => {
    expect(says({type: 'incident.closed', actor, payload: {}})).toBe('Incident closed')
    expect(says({type: 'incident.closed', actor, payload: {reason: 'false positive'}})).toBe('Incident closed: false positive')
    expect(says({type: 'incident.reopened', actor, payload: {}})).toBe('Incident reopened')
    expect(says({type: 'incident.reopened', actor, payload: {reason: 'more accounts found'}})).toBe('Incident reopened: more accounts found')
  })

  it('names a step with its title when the playbook has it, and by id otherwise', () => {
    expect(says({type: 'step.started', actor, payload: {step: 'declare'}})).toBe('Step started: declare "Declare"')
    expect(says({type: 'step.started', actor, payload: {step: 'declare', note: 'bridge open'}})).toBe('Step started: declare "Declare" (bridge open)')
    expect(says({type: 'step.completed', actor, payload: {step: 'scope', note: '40 accounts'}})).toBe('Step done: scope "Scope" (40 accounts)')
    expect(says({type: 'step.completed', actor, payload: {step: 'gone'}})).toBe('Step done: gone')
  })

  it('gives the reason for a skipped or blocked step', () => {
    expect(says({type: 'step.skipped', actor, payload: {step: 'scope', reason: 'nothing to count'}})).toBe(
      'Step skipped: scope "Scope", because nothing to count',
    )
    expect(says({type: 'step.blocked', actor, payload: {step: 'declare', reason: 'no quorum'}})).toBe('Step blocked: declare "Declare", because no quorum')
  })

  it('prints notes, on a step or on the incident', () => {
    expect(says({type: 'note.added', actor, payload: {text: 'called the insurer'}})).toBe('Note: called the insurer')
    expect(says({type: 'note.added', actor, payload: {text: 'logs pulled', step: 'scope'}})).toBe('Note on scope: logs pulled')
  })

  it('prints fact values as people read them', () => {
    expect(says({type: 'fact.set', actor, payload: {key: 'affected.total', value: 1240000}})).toBe('Fact affected.total = 1,240,000')
    expect(says({type: 'fact.set', actor, payload: {key: 'data_categories', value: ['contact', 'health']}})).toBe('Fact data_categories = contact, health')
    expect(says({type: 'fact.set', actor, payload: {key: 'encrypted', value: false}})).toBe('Fact encrypted = false')
  })

  it('records a notification with its reference and the reason for a delay', () => {
    expect(says({type: 'obligation.met', actor, payload: {obligation: 'gdpr-art33'}})).toBe('Notification made: gdpr-art33')
    expect(says({type: 'obligation.met', actor, payload: {obligation: 'gdpr-art33', ref: 'DPA-42', delayReason: 'forensics'}})).toBe(
      'Notification made: gdpr-art33 (ref DPA-42); reason for delay: forensics',
    )
  })

  it('says which document was rendered, with a short hash and where it went', () => {
    const rendered = {
      template: 'gdpr-art34-notice',
      file: 'x.njk',
      locale: 'en',
      format: 'md',
      short: false,
      sha256: '0123456789abcdef'.repeat(4),
      bytes: 10,
      lint: {errors: 0, warnings: 1},
    }
    expect(says({type: 'notice.rendered', actor, payload: rendered})).toBe('Rendered gdpr-art34-notice (en, md) sha256 0123456789ab')
    expect(says({type: 'notice.rendered', actor, payload: {...rendered, short: true, locale: 'ja', out: 'notice.md'}})).toBe(
      'Rendered gdpr-art34-notice (ja, short, md) sha256 0123456789ab to notice.md',
    )
  })

  it('sums up a mail merge by counts and hashes, never by person', () => {
    const payload = {
      template: 'us-notice',
      format: 'eml',
      recipientsSha256: 'fedcba9876543210'.repeat(4),
      counts: {
        rows: 1300,
        notices: 1240,
        rejects: 50,
        duplicates: 10,
        fallbackToEnglish: 0,
        byChannel: {email: 1200, letter: 40},
        byLanguage: {en: 1240},
        byJurisdiction: {'US-CA': 1240},
        letterBatches: 1,
        lastLine: 1301,
      },
      outputs: [],
      resumed: false,
    }
    expect(says({type: 'notify.completed', actor, payload})).toBe(
      'Notices produced with us-notice: 1240 (email 1200, letter 40), 50 rejected, 10 duplicates; recipients sha256 fedcba987654',
    )
  })

  it('marks every drill event as an exercise', () => {
    const started = {scenario: TINY_SCENARIO, simStart: '2026-03-28T09:00:00.000Z', speed: 6, manual: false}
    expect(says({type: 'drill.started', actor, payload: started})).toBe('EXERCISE started: scenario tiny-drill (clock x6)')
    expect(says({type: 'drill.started', actor, payload: {...started, manual: true}})).toBe('EXERCISE started: scenario tiny-drill (manual clock)')
    expect(says({type: 'drill.advanced', actor, payload: {byMs: 7_200_000, by: '2h'}})).toBe('EXERCISE clock advanced by 2h')
    // drill next: it read "EXERCISE clock advanced by to ransom-note", with no duration.
    expect(says({type: 'drill.advanced', actor, payload: {byMs: 600_000, by: 'to ransom-note'}})).toBe('EXERCISE clock advanced 10m to inject ransom-note')
    expect(says({type: 'drill.inject', actor, payload: {inject: 'press'}})).toBe('EXERCISE inject delivered: press')
    expect(says({type: 'drill.decision', actor, payload: {inject: 'press', decision: 'hold a statement'}})).toBe('EXERCISE decision on press: hold a statement')
    expect(says({type: 'drill.ended', actor, payload: {}})).toBe('EXERCISE ended')
  })

  it('lists the regulation versions used, by short hash', () => {
    const versions = {
      'eu-gdpr': {sha256: 'aaaaaaaabbbb', lastReviewed: '2026-01-15', file: 'eu-gdpr.yaml'},
      'us-ca': {sha256: '12345678cccc', lastReviewed: '2026-02-01', file: 'us-ca.yaml'},
    }
    expect(says({type: 'regulations.evaluated', actor, payload: {versions}})).toBe('Deadlines evaluated with eu-gdpr@aaaaaaaa, us-ca@12345678')
  })

  it('admits an event type from a newer runbook instead of failing', () => {
    const future = {...one({type: 'drill.ended', actor, payload: {}}), type: 'evidence.collected'}
    expect(describeEvent(future, titles)).toBe('evidence.collected (recorded by a newer version of runbook)')
  })
})

describe('timestampKind', () => {
  it('has a plain name for every event type, not the type itself', () => {
    for (const type of EVENT_TYPES) {
      const kind = timestampKind({...one({type: 'drill.ended', actor, payload: {}}), type})
      expect(kind, type).not.toBe(type)
      expect(kind, type).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/)
    }
  })

  it('says what kind of time each one is', () => {
    const kind = (type: string) => timestampKind({...one({type: 'drill.ended', actor, payload: {}}), type})
    expect(kind('obligation.met')).toBe('Notification sent')
    expect(kind('fact.set')).toBe('Fact recorded')
    expect(kind('drill.decision')).toBe('Decision taken')
    expect(kind('evidence.collected')).toBe('evidence.collected')
  })
})
