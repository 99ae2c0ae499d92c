import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import type {RequiredContent} from '../../src/core/notices/content-rules.js'
import {lintNotice, type Finding} from '../../src/core/notices/lint.js'
import {regulationFiles} from '../../src/store/regulations.js'

// A corpus of realistic notices and reports, each wrong in exactly one way a privacy lawyer would stop (bad/), and
// complete ones (good/). The lint must name the right element of the right obligation for every bad one, and find no
// error in any good one. Each file's front matter says what it is, what it must be checked against, and why.

interface Corpus {
  kind: 'customer' | 'regulator'
  locale: string
  regimes: string[]
  facts?: Record<string, string | number | boolean | string[]>
  expect?: {rule: string; obligation?: string; element?: string}
  why?: string
  /** The expected finding is the only error: nothing else in the notice is wrong, and nothing else is reported. */
  exact?: boolean
}

const dir = new URL('../fixtures/notices/', import.meta.url).pathname
const load = (sub: string) =>
  readdirSync(join(dir, sub))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, sub, file), 'utf8')
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text)!
      return {file, meta: parse(match[1]!) as Corpus, body: text.slice(match[0].length)}
    })

let content: Map<string, RequiredContent>

beforeAll(async () => {
  const files = await regulationFiles(undefined, {fresh: true})
  content = new Map(files.flatMap((f) => f.regulation!.obligations.map((o) => [o.id, {obligation: o.id, notify: o.notify, items: o.content ?? []}] as const)))
})

function lint(meta: Corpus, body: string): Finding[] {
  const required = meta.regimes.map((id) => {
    const found = content.get(id)
    if (!found) throw new Error(`no obligation ${id}`)
    return found
  })
  return lintNotice({text: body, locale: meta.locale, kind: meta.kind, short: false, exercise: false, required, facts: meta.facts ?? {}})
}

const bad = load('bad')
const good = load('good')

describe('the lint corpus', () => {
  it('has at least 30 bad notices across the regimes a lawyer checks, and good ones', () => {
    expect(bad.length).toBeGreaterThanOrEqual(30)
    expect(good.length).toBeGreaterThanOrEqual(6)
    const regimes = new Set(bad.flatMap((b) => b.meta.regimes.map((r) => r.split('-')[0])))
    for (const family of ['ca', 'ma', 'ny', 'hipaa', 'gdpr', 'ukgdpr', 'jp', 'sec']) expect([...regimes], family).toContain(family)
  })

  for (const {file, meta, body} of bad) {
    it(`catches ${file}: ${meta.why ?? ''}`, () => {
      const errors = lint(meta, body).filter((f) => f.severity === 'error')
      const want = meta.expect!
      const hit = errors.find(
        (f) => f.rule === want.rule && (!want.obligation || f.message.startsWith(`${want.obligation}:`)) && (!want.element || f.element === want.element),
      )
      expect(hit, `expected ${JSON.stringify(want)}; got ${JSON.stringify(errors.map((e) => `${e.rule} ${e.element ?? ''} ${e.message}`))}`).toBeDefined()
      if (meta.exact) expect(errors.map((e) => `${e.rule} ${e.element ?? ''}`)).toEqual([`${want.rule} ${want.element ?? ''}`])
    })
  }

  for (const {file, meta, body} of good) {
    it(`passes ${file}`, () => {
      expect(
        lint(meta, body)
          .filter((f) => f.severity === 'error')
          .map((f) => f.message),
      ).toEqual([])
    })
  }
})
