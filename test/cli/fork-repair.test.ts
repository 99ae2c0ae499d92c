import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

/** Two responders on two copies of one workspace, synced back by hand: both wrote event #3 on the same tail. */
async function forkedIncident() {
  const workspace = tempDir()
  expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})).code).toBe(0)
  await runCli(['note', 'laptop reported stolen'], {workspace})
  const id = (await runJson<{id: string}[]>(['incident', 'list'], {workspace}))[0]!.id
  const log = join(workspace, 'incidents', id, 'events.jsonl')
  const copy = join(tempDir(), 'copy.jsonl')
  copyFileSync(log, copy)
  await runCli(['note', 'remote wipe sent'], {workspace})
  await runCli(['fact', 'set', 'data_categories', 'contact'], {workspace})
  const mine = readFileSync(log, 'utf8')
  copyFileSync(copy, log)
  await runCli(['note', 'police report 4411 filed'], {workspace})
  const theirs = readFileSync(log, 'utf8').split('\n').filter(Boolean).at(-1)!
  writeFileSync(log, `${mine}${theirs}\n`)
  return {workspace, id, log}
}

describe('repair of a forked log', () => {
  it('moves the branch aside, records its events again as recovered, and the chain verifies with nothing lost', async () => {
    const {workspace, id, log} = await forkedIncident()
    const broken = await runCli(['verify', id], {workspace})
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/:5: event 5 has sequence number 3, expected 5/)
    const repaired = await runCli(['incident', 'repair', id, '--yes'], {workspace})
    expect(repaired.code, repaired.stderr).toBe(0)
    expect(repaired.stdout).toMatch(/Moved 1 event\(s\) from line 5 to .*events\.jsonl\.fork-.* and recorded them again as recovered/)
    expect((await runCli(['verify', id], {workspace})).code).toBe(0)
    const timeline = (await runCli(['timeline', id], {workspace})).stdout
    for (const text of ['laptop reported stolen', 'remote wipe sent', 'police report 4411 filed']) expect(timeline).toContain(text)
    expect(timeline).toMatch(/Log repaired: 1 event\(s\) from line 5 did not continue the chain/)
    expect(timeline).toMatch(/Recovered from the forked branch \(originally #3, recorded .*\): Note: police report 4411 filed/)
    const facts = await runJson<{key: string}[]>(['fact', 'list', '--incident', id], {workspace})
    expect(JSON.stringify(facts)).toContain('data_categories')
    const side = readFileSync(log, 'utf8').match(/"sideFile":"([^"]+)"/)![1]!
    expect(readFileSync(join(log, '..', side), 'utf8')).toContain('police report 4411 filed')
  })

  it('an edited event is evidence, not a fork: nothing is moved', async () => {
    const {workspace, id, log} = await forkedIncident()
    writeFileSync(log, readFileSync(log, 'utf8').replace('police report 4411 filed', 'police report 4411 withdrawn'))
    const before = readFileSync(log, 'utf8')
    const refused = await runCli(['incident', 'repair', id, '--yes'], {workspace})
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/nothing was changed in .*: line 5 is not a whole, unedited event/)
    expect(readFileSync(log, 'utf8')).toBe(before)
    expect(existsSync(`${log}.fork`)).toBe(false)
  })
})

describe('a log that cannot be read', () => {
  it('is named by incident list (exit 1, in the JSON too) and by a command looking for the open incident', async () => {
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), 'organization:\n  name: Northwind\n')
    const id = (await runCli(['incident', 'open', '--playbook', 'triage'], {workspace})).stdout.trim().split('\n')[0]!
    expect((await runCli(['note', 'first'], {workspace})).code).toBe(0)
    const file = join(workspace, 'incidents', id, 'events.jsonl')
    const lines = readFileSync(file, 'utf8').split('\n')
    writeFileSync(file, [lines[0], lines[1]!.slice(1), ...lines.slice(2)].join('\n'))
    // It said "No incidents yet. Start one with: runbook start ransomware" and exited 0.
    const listed = await runCli(['incident', 'list'], {workspace})
    expect(listed.code).toBe(1)
    expect(listed.stdout).not.toContain('No incidents yet')
    expect(listed.stderr).toContain(`1 incident log(s) could not be read: ${id}`)
    const json = JSON.parse((await runCli(['incident', 'list', '--json'], {workspace})).stdout) as {results: {id: string; status: string}[]}
    expect(json.results).toContainEqual(expect.objectContaining({id, status: 'damaged'}))
    // verify said "there is no open incident in this workspace".
    const verify = await runCli(['verify'], {workspace})
    expect(verify.code).toBe(2)
    expect(verify.stderr).toContain(`no open incident that can be read: ${id}`)
    expect(verify.stderr).toContain(`runbook verify ${id}`)
  })
})
