import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// What one responder types must not act on another's terminal, nor become a link, an image or a script in what
// runbook writes.
describe('output safety', () => {
  it("escape sequences typed into a note or a fact reach nobody else's terminal", async () => {
    const workspace = tempDir()
    const opened = await runCli(['incident', 'open', '--playbook', 'lost-device', '--title', 'Lost \u001b]0;pwned\u0007 laptop'], {workspace})
    expect(opened.stderr).not.toContain('\u001b')
    await runCli(['note', 'clear \u001b[2J\u001b[H screen; spoof \u001b[32mSTATUS: CONTAINED\u001b[0m'], {workspace})
    await runCli(['fact', 'set', 'summary', 'a \u001b[1Abell\u0007'], {workspace})
    const outputs = []
    for (const args of [['timeline'], ['fact', 'list'], ['incident', 'list'], ['status']]) outputs.push(await runCli(args, {workspace}))
    for (const output of outputs) {
      expect(output.stdout).not.toContain('\u001b')
      expect(output.stdout).not.toContain('\u0007')
    }
    expect(outputs[0]!.stdout).toContain('\\x1b[2J')
  })

  it('Markdown typed into a fact prints as text in a notice: no link, no remote image', async () => {
    const workspace = await sampleIncident([['summary', 'Read more ![pixel](https://tracker.example/p.gif) and [click here](https://evil.example/login).']])
    const html = join(tempDir(), 'notice.html')
    await runCli(['notice', 'render', 'customer/us', '--format', 'html', '--out', html, '--for', 'US-CA'], {workspace})
    const page = readFileSync(html, 'utf8')
    expect(page).not.toMatch(/<img/)
    expect(page).not.toMatch(/href="https:\/\/evil\.example/)
    expect(page).toContain('[click here](https://evil.example/login)')
  })

  it('the Markdown timeline escapes a note with a table break and a script', async () => {
    const workspace = tempDir()
    await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace})
    await runCli(['note', 'a | b <script>alert(1)</script>'], {workspace})
    const md = (await runCli(['timeline', '--format', 'md'], {workspace})).stdout
    expect(md).not.toContain('<script>')
    expect(md).toContain('a \\| b \\<script\\>')
  })
})
