import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildContext, type MissingValueError, type StandInMode} from '../../src/core/notices/context.js'
import type {MissingReport} from '../../src/core/notices/missing.js'
import type {WorkspaceConfig} from '../../src/core/workspace/config.js'
import {createRenderer, renderNotice} from '../../src/render/notice.js'
import {tempDir} from '../helpers/cli.js'
import {thrown} from '../helpers/thrown.js'

const config: WorkspaceConfig = {
  organization: {name: 'Northwind', timezone: 'UTC', locales: ['en']},
  facts: {enrollment_url: {type: 'text', description: 'where to enrol'}},
}
const state = {id: 'inc-1', title: 'Test', openedAt: '2026-03-28T19:00:00.000Z', drill: false, playbook: {id: 'account-takeover'}}

/** A workspace templates folder with one internal document, rendered with `facts`; the error it stops with. */
async function renderFails(body: string, facts: Record<string, string | boolean | string[]>, incidentFlag?: string) {
  const dir = tempDir()
  mkdirSync(join(dir, 'internal'), {recursive: true})
  writeFileSync(join(dir, 'internal', 'doc.en.md.njk'), `---\ntitle: Test\nkind: internal\n---\n${body}`)
  const renderer = createRenderer([dir])
  const variant = {
    file: join(dir, 'internal', 'doc.en.md.njk'),
    name: 'internal/doc.en.md.njk',
    locale: 'en',
    short: false,
    source: 'md' as const,
    origin: 'workspace' as const,
  }
  const contextWith = (found: MissingValueError[], standIn?: StandInMode) =>
    buildContext({
      config,
      state,
      facts,
      obligations: [],
      locale: 'en',
      zone: 'UTC',
      now: new Date('2026-03-29T00:00:00Z'),
      short: false,
      onMissing: (e) => found.push(e),
      standIn,
      incidentFlag,
    })
  const missing: MissingValueError[] = []
  const run = () =>
    renderNotice(renderer, {
      entry: {id: 'internal/doc', variants: [variant]},
      variant,
      meta: {title: 'Test', kind: 'internal', serves: []},
      context: contextWith(missing),
      missing,
      format: 'md',
      org: {name: 'Northwind'},
      recontext: (mode) => {
        const found: MissingValueError[] = []
        return {context: contextWith(found, mode), missing: found}
      },
    })
  let error: unknown
  await run().catch((e: unknown) => (error = e))
  const userError = thrown(() => {
    throw error
  })
  return {error: userError, report: (userError.result as {missing: MissingReport}).missing}
}

const paths = (items: {path: string}[]) => items.map((i) => i.path)

describe('a render lists every missing value at once', () => {
  it('walks both sides of a condition on a missing fact, and goes on through filters and missing objects', async () => {
    const {error, report} = await renderFails(
      [
        '{{ facts.summary }}',
        '{% if facts.law_enforcement_delay %}{{ facts.cause }}{% else %}{{ facts.consequences }}{% endif %}',
        'Since {{ facts.occurred_at | date }}: {{ facts.data_categories | categories }}, {{ facts["affected.total"] | number }} people.',
        'Call {{ org.contact.phone }}.',
        '{% for c in facts.data_categories %}{{ c }}{% endfor %}',
      ].join('\n'),
      {measures_taken: 'x'},
    )
    expect(paths(report.needed)).toEqual([
      'facts.summary',
      'facts.law_enforcement_delay',
      'facts.occurred_at',
      'facts.data_categories',
      'facts.affected.total',
      'org.contact.phone',
    ])
    // Whether cause or consequences is read depends on law_enforcement_delay, which is not set yet.
    expect(paths(report.depending)).toEqual(['facts.cause', 'facts.consequences'])
    expect(report.incomplete).toBe(false)
    expect(error.message).toContain('8 values are missing')
    expect(error.message).toMatch(/facts\.occurred_at +runbook fact set occurred_at "YYYY-MM-DD HH:MM"/)
    expect(error.message).toMatch(/facts\.law_enforcement_delay +runbook fact set law_enforcement_delay true\|false/)
    expect(error.message).toMatch(/org\.contact\.phone +set organization\.contact\.phone in runbook\.yaml/)
    expect(error.message).toMatch(/Depending on the values above, it may also need:\n {2}facts\.cause/)
    expect(error.hint).toContain('nothing was written')
  })

  it('a misspelt fact is named with where the template reads it and the fact it is near, never as a command that fails', async () => {
    const {error, report} = await renderFails('{{ facts.summary }}\n\n{{ facts.summry }} and {{ facts.enrolment_url }}', {summary: 'x'})
    expect(report.needed.map((i) => [i.path, i.unknown, i.suggestions])).toEqual([
      ['facts.summry', true, ['summary']],
      ['facts.enrolment_url', true, ['enrollment_url']],
    ])
    expect(report.needed[0]!.where).toMatch(/internal\/doc\.en\.md\.njk:7$/)
    expect(error.message).toContain('facts.summry')
    expect(error.message).toContain('did you mean facts.summary?')
    expect(error.message).not.toContain('fact set summry')
  })

  it("a declared fact of the organisation's own is set with fact set, like runbook's own", async () => {
    const {report} = await renderFails('Enrol at {{ facts.enrollment_url }}.', {})
    expect(report.needed).toEqual([{path: 'facts.enrollment_url', fix: 'runbook fact set enrollment_url "..."', unknown: false, suggestions: []}])
  })

  it('the command names the incident when a plain command would not reach it', async () => {
    const {report} = await renderFails('{{ facts.summary }}', {}, '20260328-drill-ab12')
    expect(report.needed[0]!.fix).toBe('runbook fact set summary "..." --incident 20260328-drill-ab12')
  })

  it('says the list may be short when the template stops on something else', async () => {
    const {report} = await renderFails('{{ facts.summary }}\n{{ facts.cause.nope.deeper() }}\n{{ facts.consequences }}', {})
    expect(paths(report.needed)).toContain('facts.summary')
    expect(report.incomplete).toBe(true)
  })
})
