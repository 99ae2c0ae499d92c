import {canonicalJson, eventHash, GENESIS_HASH} from '../../src/core/incident/chain.js'
import type {EventDraft, StoredEvent} from '../../src/core/incident/events.js'
import type {Scenario} from '../../src/core/drills/schema.js'
import {startDrillEvents} from '../../src/core/drills/actions.js'
import {TINY_PLAYBOOK} from './events.js'

/**
 * Drafts as the store would write them: numbered, chained, stamped with a fixed recording time (one for all, or one
 * per event by index). Enough for fold() and the reports; no files involved.
 */
export function store(drafts: readonly EventDraft[], recordedAt: string | ((index: number) => string) = '2026-03-28T19:00:00.000Z'): StoredEvent[] {
  let prevHash = GENESIS_HASH
  return drafts.map((draft, i) => {
    const body = {
      seq: i + 1,
      type: draft.type,
      recordedAt: typeof recordedAt === 'string' ? recordedAt : recordedAt(i),
      ...(draft.occurredAt ? {occurredAt: draft.occurredAt} : {}),
      actor: draft.actor,
      payload: draft.payload as Record<string, unknown>,
      prevHash,
    }
    const event = {...body, hash: eventHash(body)}
    prevHash = event.hash
    return event
  })
}

/**
 * A log of `count` notes as events.jsonl holds them (canonical lines, chained), for the integrity checks: each
 * note's text from `text`, and a clock skew recorded on the events numbered in `skewAt`.
 */
export function noteLogLines(count: number, options: {text?: (seq: number) => string; skewAt?: readonly number[]} = {}): string[] {
  const lines: string[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const body = {
      seq,
      type: 'note.added',
      recordedAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
      actor: 'a',
      payload: {text: options.text ? options.text(seq) : `note ${seq}`},
      prevHash,
      ...(options.skewAt?.includes(seq) ? {clockSkewMs: 1000 * seq} : {}),
    }
    const event = {...body, hash: eventHash(body)}
    prevHash = event.hash
    lines.push(canonicalJson(event))
  }
  return lines
}

/** A drill scenario on TINY_PLAYBOOK: three injects, one expecting a step, one expecting a decision. */
export const TINY_SCENARIO: Scenario = {
  id: 'tiny-drill',
  title: 'Tiny drill',
  description: 'A scenario for tests.',
  playbook: 'tiny',
  reviewed_at: '2026-11-01',
  high_risk: false,
  length: '90m',
  situation: 'A quiet Saturday.',
  objectives: ['Declare in time', 'Answer the press'],
  facts: {aware_at: '-30m', 'affected.total': 40},
  injects: [
    {
      id: 'alert',
      at: '+0m',
      from: 'SOC analyst',
      title: 'Odd logins',
      message: 'Forty accounts signed in from one address.',
      sets: {data_categories: ['contact']},
      expects: {step: 'declare', within: '+1h'},
    },
    {
      id: 'press',
      at: '+2h',
      from: 'journalist',
      title: 'A reporter calls',
      message: 'Is it true?',
      sets: {ransomware: true, contained_at: '+1h30m'},
      expects: {decision: 'hold a statement', within: '+30m'},
    },
    {id: 'regulator', at: '+1d', from: 'the regulator', title: 'The authority asks', message: 'When will you report?'},
  ],
}

/** The simulated start of TINY_SCENARIO drills, and the machine time they were started at. */
export const SIM_START = '2026-03-28T09:00:00.000Z'
export const REAL_START = '2026-05-04T14:00:00.000Z'

/** The opening events of a TINY_SCENARIO drill started by "fay" (manual clock unless told). */
export function drillDrafts(options: {manual?: boolean; speed?: number} = {}): EventDraft[] {
  return startDrillEvents(
    {
      id: 'drill-tiny',
      scenario: TINY_SCENARIO,
      playbook: TINY_PLAYBOOK,
      playbookSha256: 'x'.repeat(64),
      timezone: 'Europe/Berlin',
      speed: options.speed ?? 1,
      manual: options.manual ?? true,
      simStart: SIM_START,
    },
    {actor: 'fay'},
  )
}
