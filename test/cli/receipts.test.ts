import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, runJson, tempDir} from '../helpers/cli.js'

async function incidentWithReceipt() {
  const workspace = tempDir()
  const env = {XDG_CONFIG_HOME: tempDir()}
  expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace, env})).code).toBe(0)
  for (const note of ['laptop reported stolen', 'remote wipe sent', 'police report filed']) await runCli(['note', note], {workspace, env})
  const receipt = join(tempDir(), 'receipt.json')
  const made = await runCli(['receipt', '--out', receipt], {workspace, env})
  expect(made.code, made.stderr).toBe(0)
  const id = JSON.parse(readFileSync(receipt, 'utf8')).incident as string
  return {workspace, env, receipt, log: join(workspace, 'incidents', id, 'events.jsonl')}
}

describe('head receipts', () => {
  it('a receipt verifies while the log holds its head, and after more events are added', async () => {
    const {workspace, env, receipt} = await incidentWithReceipt()
    expect(statSync(receipt).mode & 0o777).toBe(0o600)
    expect(statSync(join(env.XDG_CONFIG_HOME, 'runbook', 'receipt-key.pem')).mode & 0o777).toBe(0o600)
    await runCli(['note', 'later note'], {workspace, env})
    const result = await runJson<{receipt: {seq: number; signer: string}}>(['verify', '--receipt', receipt], {workspace, env})
    expect(result.receipt).toMatchObject({seq: 4, signer: 'this-machine'})
  })

  it('cutting the last events off and a re-chained rewrite pass a bare verify but fail with the receipt', async () => {
    const cut = await incidentWithReceipt()
    const lines = readFileSync(cut.log, 'utf8').split('\n').filter(Boolean)
    writeFileSync(cut.log, lines.slice(0, 2).join('\n') + '\n')
    expect((await runCli(['verify'], cut)).code).toBe(0)
    const cutResult = await runCli(['verify', '--receipt', cut.receipt], cut)
    expect(cutResult.code).toBe(1)
    expect(cutResult.stderr).toMatch(/names event #4, .* but the log now ends at #2: events were cut off/)

    const rewritten = await incidentWithReceipt()
    // A careful forger: change a note and recompute every hash with the project's own chain code.
    const {eventHash} = await import('../../src/core/incident/chain.js')
    const {canonicalJson} = await import('../../src/core/incident/chain.js')
    let prevHash = '0'.repeat(64)
    const forged = readFileSync(rewritten.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const {hash: _hash, ...body} = JSON.parse(line) as Record<string, unknown> & {payload: Record<string, unknown>}
        if (body.payload.text === 'remote wipe sent') body.payload = {...body.payload, text: 'remote wipe not needed'}
        body.prevHash = prevHash
        const event = {...body, hash: eventHash(body)}
        prevHash = event.hash
        return canonicalJson(event)
      })
    writeFileSync(rewritten.log, forged.join('\n') + '\n')
    expect((await runCli(['verify'], rewritten)).code).toBe(0)
    const rewrittenResult = await runCli(['verify', '--receipt', rewritten.receipt], rewritten)
    expect(rewrittenResult.code).toBe(1)
    expect(rewrittenResult.stderr).toMatch(/event #4 is not the one the receipt names .*: the log was rewritten/)
  })

  it('a receipt edited after signing is refused, and a broken log gets no receipt', async () => {
    const {workspace, env, receipt, log} = await incidentWithReceipt()
    const doc = JSON.parse(readFileSync(receipt, 'utf8'))
    writeFileSync(receipt, JSON.stringify({...doc, seq: 2}))
    const edited = await runCli(['verify', '--receipt', receipt], {workspace, env})
    expect(edited.code).toBe(1)
    expect(edited.stderr).toContain('the receipt was altered after it was signed')
    writeFileSync(log, readFileSync(log, 'utf8').replace('remote wipe sent', 'remote wipe skipped'))
    const refused = await runCli(['receipt'], {workspace, env})
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
  })

  it('the Markdown timeline carries the head it was exported at', async () => {
    const {workspace, env} = await incidentWithReceipt()
    const md = (await runCli(['timeline', '--format', 'md'], {workspace, env})).stdout
    const head = JSON.parse((await runCli(['timeline', '--format', 'json'], {workspace, env})).stdout).at(-1)
    expect(md).toContain(`Record head at export: event #${head.seq}, SHA-256 \`${head.hash}\`.`)
  })
})
