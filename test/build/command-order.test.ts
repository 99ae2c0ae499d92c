import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {plainCollation} from '../../scripts/command-order.js'

// The bundle sorts oclif's commands with scripts/command-order.js instead of localeCompare (which loads ICU's
// collation on every run). Each locale is a process of its own: ICU fixes its default locale when it starts.
const ORDER = new URL('../../scripts/command-order.js', import.meta.url).href
const manifestIds = Object.keys((JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: object}).commands)

function orders(env: Record<string, string>, ids: string[]): {fast: string[]; locale: string[]; plain: boolean} {
  const script = `import {commandOrder, plainCollation} from ${JSON.stringify(ORDER)}
const ids = JSON.parse(process.argv[1]).map((id) => ({id}))
const locale = [...ids].sort((a, b) => a.id.localeCompare(b.id)).map((c) => c.id)
const fast = [...ids].sort(commandOrder()).map((c) => c.id)
console.log(JSON.stringify({fast, locale, plain: plainCollation()}))`
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LC_|LANG)/.test(k)))
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(ids)], {env: {...clean, ...env}, encoding: 'utf8'})
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as {fast: string[]; locale: string[]; plain: boolean}
}

// Every id of the alphabet the fast path takes, up to three characters, shuffled, and the real command ids.
const alphabet = ['a', 'b', 'c', 'h', 'y', 'z', '-', ':']
const short = alphabet.flatMap((x) => ['', ...alphabet].flatMap((y) => ['', ...alphabet].map((z) => x + y + z)))
const ids = [...new Set([...manifestIds, ...short, 'check', 'help', 'aa', 'ab', 'ch', 'ci'])].sort(() => Math.random() - 0.5)

describe('the command order the bundle gives oclif', () => {
  const locales: Record<string, string>[] = [
    {},
    {LANG: 'C'},
    {LANG: 'C.UTF-8'},
    {LANG: 'POSIX'},
    {LANG: 'en_US.UTF-8'},
    {LANG: 'en_GB.UTF-8'},
    {LC_ALL: 'en_AU'},
  ]
  for (const env of locales) {
    it(`is localeCompare's order under ${JSON.stringify(env)}, without asking ICU`, () => {
      const result = orders(env, ids)
      expect(result.plain).toBe(true)
      expect(result.fast).toEqual(result.locale)
    })
  }

  it('asks localeCompare under a locale whose letters sort otherwise (Czech ch after h), or LC_ALL/LC_MESSAGES naming one', () => {
    expect(plainCollation({LANG: 'cs_CZ.UTF-8'})).toBe(false)
    expect(plainCollation({LANG: 'en_US.UTF-8', LC_MESSAGES: 'da_DK.UTF-8'})).toBe(false)
    expect(plainCollation({LANG: 'en_US.UTF-8', LC_ALL: 'lt_LT'})).toBe(false)
    const czech = orders({LANG: 'cs_CZ.UTF-8'}, ['help', 'check', 'cz'])
    expect(czech.plain).toBe(false)
    expect(czech.fast).toEqual(czech.locale)
  })

  it('keeps digits out of the fast path: root collation puts ":" before digits, code points after', () => {
    const result = orders({}, ['a1', 'a:b'])
    expect(result.locale).toEqual(['a:b', 'a1'])
    expect([...result.locale].sort()).toEqual(['a1', 'a:b'])
  })
})
