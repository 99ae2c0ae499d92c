import {describe, expect, it} from 'vitest'
import {buildContext, MissingValueError, strict} from '../../src/core/notices/context.js'
import type {WorkspaceConfig} from '../../src/core/workspace/config.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {evaluateTest, TEST_REGULATION} from '../helpers/regulation.js'

const config: WorkspaceConfig = {
  organization: {
    name: 'Northwind Traders',
    timezone: 'Europe/Berlin',
    locales: ['en', 'ja'],
    contact: {email: 'privacy@northwind.example', phone: '+49 30 1234567'},
  },
}
const facts = {
  aware_at: '2026-03-28T18:00:00.000Z',
  risk: 'risk',
  encrypted: false,
  'affected.total': 0,
  summary: 'Someone signed in to 40 accounts.',
  'summary.ja': '40件のアカウントに不正ログインがありました。',
}
/** A duty that may apply: nobody has said yet whether ransomware is involved. */
const RANSOM: Regulation = {
  ...TEST_REGULATION,
  id: 'test-ransom',
  obligations: [
    {
      id: 'ransom-report',
      title: 'Report the ransom demand',
      notify: ['law-enforcement'],
      applies: {fact: 'ransomware', equals: true},
      clock: {from: 'aware_at', hours: 72},
    },
  ],
}
const obligations = [...evaluateTest(facts, '2026-03-29T08:00:00.000Z', {}, [TEST_REGULATION, RANSOM]).values()]
const state = {id: 'inc-1', title: 'Account takeover', openedAt: '2026-03-28T19:00:00.000Z', drill: false, playbook: {id: 'account-takeover'}}

function context(
  overrides: {
    locale?: string
    drill?: boolean
    onMissing?: (e: MissingValueError) => void
    config?: WorkspaceConfig
    allowFallback?: boolean
    onFallback?: (keys: string[]) => void
  } = {},
) {
  return buildContext({
    allowFallback: overrides.allowFallback,
    onFallback: overrides.onFallback,
    config: overrides.config ?? config,
    state: {...state, drill: overrides.drill ?? false},
    facts,
    obligations,
    locale: overrides.locale ?? 'en',
    zone: 'Europe/Berlin',
    now: new Date('2026-03-29T08:00:00.000Z'),
    short: false,
    onMissing: overrides.onMissing,
  })
}

function missing(read: () => unknown): MissingValueError {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(MissingValueError)
    return error as MissingValueError
  }
  return expect.fail('expected a MissingValueError')
}

describe('buildContext', () => {
  it('gives the template the incident, the time and whether it is an exercise', () => {
    const ctx = context({drill: true})
    expect(ctx.incident).toEqual({id: 'inc-1', title: 'Account takeover', openedAt: '2026-03-28T19:00:00.000Z', playbook: 'account-takeover'})
    expect(ctx.exercise).toBe(true)
    expect([ctx.locale, ctx.zone, ctx.now, ctx.short]).toEqual(['en', 'Europe/Berlin', '2026-03-29T08:00:00.000Z', false])
  })

  it('lists the obligations that apply or may apply, leaving out those that do not', () => {
    // risk "risk": the report to the authority and its follow-up apply; telling people (high risk only) does not.
    expect(context().obligations).toEqual([
      {id: 'gdpr-art33', title: 'Notify the supervisory authority', dueAt: '2026-03-31T18:00:00.000Z', applies: 'yes', recipient: 'Lead supervisory authority'},
      {id: 'gdpr-art33-final', title: 'Send the final report', dueAt: null, applies: 'yes', recipient: undefined},
      {id: 'ransom-report', title: 'Report the ransom demand', dueAt: '2026-03-31T18:00:00.000Z', applies: 'maybe', recipient: undefined},
    ])
  })

  it('reads facts and organisation details as they are, falsy values included', () => {
    const ctx = context()
    expect(ctx.facts.summary).toBe('Someone signed in to 40 accounts.')
    expect(ctx.facts.encrypted).toBe(false)
    expect(ctx.facts['affected.total']).toBe(0)
    expect(ctx.org.name).toBe('Northwind Traders')
    expect((ctx.org.contact as Record<string, unknown>).email).toBe('privacy@northwind.example')
  })

  it("uses a text fact's translation in a notice in that language", () => {
    expect(context({locale: 'ja-JP'}).facts.summary).toBe('40件のアカウントに不正ログインがありました。')
  })

  it('a notice in another language never prints the English text silently: it names the missing translation', () => {
    const error = missing(() => context({locale: 'de'}).facts.summary)
    expect(error.path).toBe('facts.summary.de')
    expect(error.fix).toMatch(/runbook fact set summary\.de .*--allow-fallback/)
    // Asked for, the English text stands in, and the caller is told which facts fell back.
    const fellBack: string[] = []
    expect(context({locale: 'de', allowFallback: true, onFallback: (keys: string[]) => fellBack.push(...keys)}).facts.summary).toBe(
      'Someone signed in to 40 accounts.',
    )
    expect(fellBack).toContain('summary')
  })

  it('names a missing fact and the command that sets it', () => {
    const error = missing(() => context().facts.consequences)
    expect(error.message).toBe('the template needs facts.consequences, which is not set')
    expect(error.path).toBe('facts.consequences')
    // The value is shown as what to type for the fact's type: quoted text here.
    expect(error.fix).toBe('runbook fact set consequences "..."')
  })

  it('names a missing organisation detail, however deep, and where to set it', () => {
    const contact = context().org.contact as Record<string, unknown>
    const error = missing(() => contact.website)
    expect(error.path).toBe('org.contact.website')
    expect(error.fix).toBe('set organization.contact.website in runbook.yaml')
    expect(missing(() => context().org.dpo).fix).toBe('set organization.dpo in runbook.yaml')
  })

  it('tells the caller about a missing value before throwing, since the template engine wraps errors', () => {
    const seen: string[] = []
    const ctx = context({onMissing: (e) => seen.push(e.path)})
    expect(() => ctx.facts.cause).toThrow(MissingValueError)
    expect(seen).toEqual(['facts.cause'])
  })

  it('lets a template test for presence without throwing', () => {
    const ctx = context()
    expect('cause' in ctx.facts).toBe(false)
    expect('summary' in ctx.facts).toBe(true)
  })
})

describe('strict', () => {
  const fix = (path: string) => `fix ${path}`

  it('answers the names engines probe on any object without counting them as missing', () => {
    const wrapped = strict({a: 1}, 'x', fix) as Record<string, unknown>
    expect(wrapped.then).toBeUndefined()
    expect(wrapped.toJSON).toBeUndefined()
    expect(typeof wrapped.toString).toBe('function')
    expect(JSON.stringify(wrapped)).toBe('{"a":1}')
  })

  it('counts a key that is there but null or undefined as missing', () => {
    const wrapped = strict({a: null, b: undefined} as Record<string, unknown>, 'x', fix)
    expect(missing(() => wrapped.a).fix).toBe('fix x.a')
    expect(missing(() => wrapped.b).path).toBe('x.b')
  })

  it('passes lists through unwrapped', () => {
    const wrapped = strict({list: ['a', 'b']}, 'x', fix)
    expect(wrapped.list.join(', ')).toBe('a, b')
  })
})
