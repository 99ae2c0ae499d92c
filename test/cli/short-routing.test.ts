import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// --short asks for the short form where a notice has one (the US and GDPR notices). Routed readers whose notice has
// none (Canada's, Japan's) get the full form, counted and named; before, the whole run stopped at the first of them.
const CSV =
  [
    'id,name,email,country,state,language',
    '1,Ann Lee,ann@mail.example.net,US,CA,en',
    '2,Bo Tremblay,bo@mail.example.net,CA,,en',
    '3,佐藤 美咲,misaki@mail.example.jp,JP,,ja',
  ].join('\n') + '\n'

interface Line {
  to: string
  text: string
}
interface Summary {
  counts: {notices: number; fullFormInstead: number; noShortForm: string[]}
}

describe('--short in a routed merge', () => {
  let workspace: string
  let csv: string

  beforeAll(async () => {
    workspace = await sampleIncident([
      ['affected.US-CA', '1'],
      ['affected.CA', '1'],
      ['affected.JP', '1'],
    ])
    csv = join(tempDir(), 'readers.csv')
    writeFileSync(csv, CSV)
  })

  const merge = async (args: string[]): Promise<{summary: Summary; notices: Map<string, string>}> => {
    const out = join(tempDir(), 'out')
    const summary = await runJson<Summary>(['notify', 'customers', '--recipients', csv, '--out', out, '--format', 'jsonl', ...args], {workspace})
    const lines = readFileSync(join(out, 'notices.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
    return {summary, notices: new Map(lines.map((l) => [l.to, l.text]))}
  }

  it('gives the short form where the notice has one and the full form elsewhere, and says which notices had none', async () => {
    const short = await merge(['--short'])
    const full = await merge([])
    const usShort = await merge(['--short', '--template', 'customer/us', '--force-template'])
    expect(short.summary.counts.notices).toBe(3)
    expect(short.summary.counts.fullFormInstead).toBe(2)
    expect(short.summary.counts.noShortForm).toEqual(['customer/appi', 'customer/pipeda'])
    // The Californian reads the short US notice, the others the same full notice a run without --short gives them.
    expect(short.notices.get('ann@mail.example.net')).toBe(usShort.notices.get('ann@mail.example.net'))
    expect(short.notices.get('ann@mail.example.net')).not.toBe(full.notices.get('ann@mail.example.net'))
    expect(short.notices.get('bo@mail.example.net')).toBe(full.notices.get('bo@mail.example.net'))
    expect(short.notices.get('misaki@mail.example.jp')).toBe(full.notices.get('misaki@mail.example.jp'))
    expect(full.summary.counts.fullFormInstead).toBe(0)
  })

  it('names the readers who got the full form in the summary and the dry run', async () => {
    const dry = await runCli(['notify', 'customers', '--recipients', csv, '--short', '--dry-run'], {workspace})
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('2 got the full form: customer/appi, customer/pipeda have no short form.')
    const run = await runCli(['notify', 'customers', '--recipients', csv, '--short', '--out', join(tempDir(), 'out')], {workspace})
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout + run.stderr).toContain('2 got the full form: customer/appi, customer/pipeda have no short form.')
  })

  it('a template named with --template must have the form asked for', async () => {
    const named = await runCli(['notify', 'customers', '--recipients', csv, '--short', '--template', 'customer/pipeda', '--dry-run'], {workspace})
    expect(named.code).toBe(2)
    expect(named.stderr).toContain('template customer/pipeda has no short form')
  })
})
