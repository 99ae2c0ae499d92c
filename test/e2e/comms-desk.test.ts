import {chmodSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'
import {tmuxSessions} from '../helpers/tmux.js'

const PARAGRAPH = 'We are writing to tell you about a data breach at {{ org.name }} that involved your personal information. This letter explains what happened'
const OURS =
  'We are sorry. Our call centre is open {{ facts.hotline_hours }} to answer your questions about this breach, which involved your personal information. This letter explains what happened'

const CSV =
  [
    'id,name,email,address,language,channel,country,state',
    'A1,Ana Ruiz,ana@mail.example.net,,en,email,US,CA',
    'L1,Ben Ode,,"12 Elm St\nFresno, CA 93650",en,letter,US,CA',
  ].join('\n') + '\n'

/**
 * The communications desk, as a non-engineer works it: copy the US notice into the workspace and change a paragraph
 * in their own editor at a real terminal; add a fact of the organisation's own and use it; render (every missing
 * fact listed at once, each with the command that sets it); preview; have legal approve; send. A template changed
 * after the approval is refused.
 */
describe("the communications desk's path, end to end", () => {
  const session = tmuxSessions({beforeAll, afterEach})

  it('edit, add an own fact, render, preview, approve, merge; a change after approval is refused', async () => {
    const workspace = await sampleIncident([], {omit: ['summary', 'measures_taken']})
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      readFileSync(join(workspace, 'runbook.yaml'), 'utf8').replace(/^roster:\n/m, 'roster:\n  legal: {primary: {name: Dana Reyes}}\n') +
        'notices:\n  require_approval: true\n  approver_role: legal\n',
    )

    // 1. notice edit at a terminal: runbook copies the template and opens the person's editor on it. The "editor"
    // here changes the opening paragraph of the full form, as a person would, and says which files it was given.
    const editor = join(tempDir(), 'editor.sh')
    const log = join(tempDir(), 'editor.log')
    writeFileSync(editor, `#!/bin/sh\necho "$@" > '${log}'\nsed -i 's/${PARAGRAPH.replace(/[/&]/g, '\\$&')}/${OURS.replace(/[/&]/g, '\\$&')}/' "$1"\n`)
    chmodSync(editor, 0o755)
    const terminal = session('comms-edit')
    terminal.start(['notice', 'edit', 'customer/us'], {RUNBOOK_WORKSPACE: workspace, EDITOR: editor, VISUAL: ''})
    const screen = await terminal.waitFor(/EXIT=\d+/)
    expect(screen).toContain('EXIT=0')
    expect(screen).toContain(`Edited with ${editor}`)
    const template = join(workspace, 'templates', 'customer', 'us.en.md.njk')
    expect(readFileSync(log, 'utf8').trim()).toBe(`${template} ${join(workspace, 'templates', 'customer', 'us.short.en.md.njk')}`)
    expect(readFileSync(template, 'utf8')).toContain('Our call centre is open {{ facts.hotline_hours }}')

    // 2. The template reads a fact runbook does not know until runbook.yaml declares it.
    const undeclared = await runCli(['notice', 'render', 'customer/us'], {workspace})
    expect(undeclared.stderr).toMatch(/facts\.hotline_hours +not a fact runbook knows \(templates\/customer\/us\.en\.md\.njk:\d+\)/)
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      readFileSync(join(workspace, 'runbook.yaml'), 'utf8') + 'facts:\n  hotline_hours: {type: text, description: when the call centre answers}\n',
    )

    // 3. Render: every missing fact at once, each with the command that sets it; run them as printed.
    const missing = await runCli(['notice', 'render', 'customer/us'], {workspace})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('3 values are missing')
    const commands = [...missing.stderr.matchAll(/runbook (fact set \S+) "\.\.\."/g)].map((m) => m[1]!.split(' '))
    expect(commands.map((c) => c[2]).sort()).toEqual(['hotline_hours', 'measures_taken', 'summary'])
    const values: Record<string, string> = {
      summary: 'On 27 March someone used stolen passwords to sign in to customer accounts.',
      measures_taken: 'We signed everyone out and reset the passwords of the affected accounts.',
      hotline_hours: 'Monday to Friday, 8 a.m. to 8 p.m. Eastern',
    }
    for (const command of commands) expect((await runCli([...command, values[command[2]!]!], {workspace})).code).toBe(0)

    // 4. Preview: the page a reader will see, with the new paragraph.
    const preview = await runCli(['notice', 'preview', 'customer/us'], {workspace})
    expect(preview.code, preview.stderr).toBe(0)
    expect(readFileSync(preview.stdout.split('\n')[0]!, 'utf8')).toContain('Our call centre is open Monday to Friday, 8 a.m. to 8 p.m. Eastern')

    // 5. Nothing goes out before legal approves; then the merge runs.
    const csv = join(tempDir(), 'r.csv')
    writeFileSync(csv, CSV)
    const refused = await runCli(['notify', 'customers', '--recipients', csv, '--out', join(tempDir(), 'refused')], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Who must approve: legal (Dana Reyes')
    expect((await runCli(['notice', 'approve', 'customer/us', '--as', 'Dana Reyes', '--role', 'legal'], {workspace})).code).toBe(0)
    const out = join(tempDir(), 'out')
    const sent = await runCli(['notify', 'customers', '--recipients', csv, '--out', out], {workspace})
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.stdout).toContain('What to do next')
    expect(readFileSync(join(out, 'notices.mbox'), 'utf8')).toContain('Our call centre is open Monday to Friday')
    expect(readFileSync(join(out, 'letters-0001.html'), 'utf8')).toContain('Our call centre is open Monday to Friday')

    // 6. A change after the approval: refused until approved again.
    writeFileSync(template, readFileSync(template, 'utf8').replace('We are sorry.', 'We apologise.'))
    const changed = await runCli(['notify', 'customers', '--recipients', csv, '--out', join(tempDir(), 'changed')], {workspace})
    expect(changed.code).toBe(2)
    expect(changed.stderr).toMatch(/customer\/us\.en\.md\.njk: it changed since Dana Reyes \(legal\) approved it/)
  })
})
