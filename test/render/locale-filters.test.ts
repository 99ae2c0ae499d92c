import {describe, expect, it} from 'vitest'
import {createEnvironment} from '../../src/render/nunjucks.js'
import {tempDir} from '../helpers/cli.js'

// Dates and numbers as each language writes them. Before this change the date filter knew only English and
// Japanese: a German notice would have read "March 28, 2026".

const env = createEnvironment([tempDir()], {autoescape: false})
const render = (source: string, locale: string, zone = 'Europe/Berlin') => env.renderString(source, {locale, zone})

describe('the date and number filters in each language', () => {
  const day = '2026-03-28T13:00:00Z'
  const first = '2026-03-01T10:00:00Z'

  it('writes a date the way each language does', () => {
    const cases: [string, string, string][] = [
      ['en', 'March 28, 2026', 'March 1, 2026'],
      ['de', '28. März 2026', '1. März 2026'],
      ['fr', '28 mars 2026', '1er mars 2026'],
      ['es', '28 de marzo de 2026', '1 de marzo de 2026'],
      ['it', '28 marzo 2026', '1º marzo 2026'],
      ['nl', '28 maart 2026', '1 maart 2026'],
      ['ja', '2026年3月28日', '2026年3月1日'],
    ]
    for (const [locale, long, firstOfMonth] of cases) {
      expect(render(`{{ "${day}" | date }}`, locale), locale).toBe(long)
      expect(render(`{{ "${first}" | date('long') }}`, locale), locale).toBe(firstOfMonth)
    }
  })

  it('writes a time the way each language does, in the zone given or the context zone', () => {
    expect(render(`{{ "${day}" | date('datetime') }}`, 'de')).toBe('28. März 2026 um 14:00 Uhr (UTC+01:00)')
    expect(render(`{{ "${day}" | date('datetime') }}`, 'fr')).toBe('28 mars 2026 à 14 h 00 (UTC+01:00)')
    expect(render(`{{ "${day}" | date('datetime') }}`, 'nl')).toBe('28 maart 2026 om 14:00 uur (UTC+01:00)')
    // A zone argument wins over the context's: 13:00 UTC is 22:00 in Tokyo.
    expect(render(`{{ "${day}" | date('datetime', 'Asia/Tokyo') }}`, 'es')).toBe('28 de marzo de 2026, a las 22:00 (UTC+09:00)')
    expect(render(`{{ "2026-03-28T16:00:00Z" | date('long', 'Asia/Tokyo') }}`, 'ja')).toBe('2026年3月29日')
  })

  it('groups digits the way each language does', () => {
    const cases: [string, string][] = [
      ['en', '12,400'],
      ['de', '12.400'],
      ['fr', '12\u202f400'],
      ['es', '12.400'],
      ['it', '12.400'],
      ['nl', '12.400'],
    ]
    for (const [locale, number] of cases) expect(render('{{ 12400 | number }}', locale), locale).toBe(number)
    // Spanish leaves four-digit numbers ungrouped.
    expect(render('{{ 1240 | number }}', 'es')).toBe('1240')
  })
})
