import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {evaluateObligations} from '../../src/core/deadlines/obligations.js'
import type {HolidayLookup} from '../../src/core/deadlines/clock.js'
import type {FactValue} from '../../src/core/facts/vocabulary.js'
import type {Regulation} from '../../src/core/regulations/schema.js'
import {holidayLookup} from '../../src/store/holidays.js'
import {regulationFiles} from '../../src/store/regulations.js'

// One case file per regime (test/regulations/cases/<regulation id>.yaml): facts in, expected applicability and due
// instant out, each computed by hand from the statute in the file's comments. The regime is evaluated alone so a
// case reads as the statute does.

interface Expectation {
  applies?: 'yes' | 'no' | 'maybe'
  due?: string | null
  target?: string | null
}
interface Case {
  name: string
  facts: Record<string, FactValue>
  now?: string
  /** Notifications already made (obligation id -> when), for clocks that count from an earlier notification. */
  met?: Record<string, string>
  expect: Record<string, Expectation>
}
interface CaseFile {
  regulation: string
  cases: Case[]
}

const dir = new URL('./cases/', import.meta.url).pathname
const caseFiles: CaseFile[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({...(parse(readFileSync(join(dir, f), 'utf8')) as CaseFile), file: f}))

let regulations: Map<string, Regulation>
let isHoliday: HolidayLookup

beforeAll(async () => {
  const files = await regulationFiles(undefined, {fresh: true})
  expect(files.flatMap((f) => f.problems)).toEqual([])
  regulations = new Map(files.map((f) => [f.regulation!.id, f.regulation!]))
  isHoliday = holidayLookup()
})

describe('every regime has hand-computed cases', () => {
  it('pins at least one applicability boundary (a yes and a no) and one due instant per regime', async () => {
    const files = await regulationFiles(undefined, {fresh: true})
    const byId = new Map(caseFiles.map((c) => [c.regulation, c]))
    const missing: string[] = []
    for (const file of files) {
      const id = file.regulation!.id
      const cases = byId.get(id)?.cases ?? []
      const expectations = cases.flatMap((c) => Object.values(c.expect))
      const hasYes = expectations.some((e) => e.applies === 'yes')
      const hasNo = expectations.some((e) => e.applies === 'no')
      // A regime with no fixed period anywhere ("without undue delay") pins that it shows no due instant instead.
      const fixed = file.regulation!.obligations.some((o) => !o.clock.asap || o.clock.target)
      const hasDue = expectations.some((e) => typeof e.due === 'string' || typeof e.target === 'string') || (!fixed && expectations.some((e) => e.due === null))
      const due = fixed ? 'a due (or target) instant' : 'an expectation that no due instant is shown (due: null)'
      if (!hasYes || !hasNo || !hasDue)
        missing.push(`${id}: ${[!hasYes && 'a case where it applies', !hasNo && 'a case where it does not', !hasDue && due].filter(Boolean).join(', ')}`)
    }
    expect(missing).toEqual([])
  })
})

for (const file of caseFiles) {
  describe(`${file.regulation}`, () => {
    for (const c of file.cases) {
      it(c.name, () => {
        const regulation = regulations.get(file.regulation)
        expect(regulation, `no regulation with id ${file.regulation}`).toBeDefined()
        const met = Object.fromEntries(Object.entries(c.met ?? {}).map(([id, at]) => [id, {at, actor: 'case'}]))
        const results = evaluateObligations({regulations: [regulation!], facts: c.facts, met, now: new Date(c.now ?? '2026-06-01T00:00:00Z'), isHoliday})
        const byId = new Map(results.map((r) => [r.id, r]))
        for (const [obligation, want] of Object.entries(c.expect)) {
          const got = byId.get(obligation)
          expect(got, `${file.regulation} has no obligation ${obligation}`).toBeDefined()
          if (want.applies !== undefined) expect({obligation, applies: got!.applies, reasons: got!.reasons}).toMatchObject({obligation, applies: want.applies})
          if (want.due !== undefined) expect({obligation, due: got!.dueAt}).toEqual({obligation, due: want.due})
          if (want.target !== undefined) expect({obligation, target: got!.targetAt}).toEqual({obligation, target: want.target})
        }
      })
    }
  })
}
