import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli, runJson, tempDir} from '../helpers/cli.js'
import {scripted} from '../helpers/scripted.js'

// A team's own playbook may ask and test the facts the organisation declares in runbook.yaml (`facts:`), as its own
// regulation files may. Before, the playbook check knew only runbook's facts and refused the file, while its message
// said to declare the fact in runbook.yaml, where it already was.
describe("a workspace playbook with the organisation's own facts", () => {
  let workspace: string

  beforeAll(() => {
    workspace = tempDir()
    writeFileSync(
      join(workspace, 'runbook.yaml'),
      'organization:\n  name: Acme\n  timezone: UTC\nfacts:\n  customers_affected:\n    type: list\n    description: the business customers whose data is involved\n',
    )
    mkdirSync(join(workspace, 'playbooks'))
    const own = readFileSync(join(ROOT, 'playbooks', 'lost-device.yaml'), 'utf8')
      .replace(/^id: lost-device$/m, 'id: lost-laptop')
      .replace(
        /^( +)asks:\n( +)- fact: aware_at\n/m,
        "$1asks:\n$2- fact: customers_affected\n$2  prompt: Which business customers' data was on it?\n$2- fact: aware_at\n",
      )
      .replace(/^( +)- id: check-encryption\n/m, '$1- id: check-encryption\n$1  when: {fact: customers_affected, includes: acme}\n')
    expect(own).toContain('fact: customers_affected')
    writeFileSync(join(workspace, 'playbooks', 'lost-laptop.yaml'), own)
  })

  it('validates, is listed, opens an incident, and takes the fact', async () => {
    const validated = await runCli(['playbook', 'validate', join(workspace, 'playbooks', 'lost-laptop.yaml')], {workspace})
    expect(validated.code, validated.stdout + validated.stderr).toBe(0)
    const listed = await runCli(['playbook', 'list'], {workspace})
    expect(listed.stdout).toMatch(/^lost-laptop /m)
    expect(listed.stderr).not.toContain('does not validate')
    const opened = await runCli(['incident', 'open', '--playbook', 'lost-laptop'], {workspace})
    expect(opened.code, opened.stderr).toBe(0)
    expect((await runCli(['fact', 'set', 'customers_affected', 'acme,globex'], {workspace})).code).toBe(0)
  })

  it("the walk asks the organisation's fact with the question the playbook gives, and records the answer", async () => {
    const walker = tempDir()
    writeFileSync(join(walker, 'runbook.yaml'), readFileSync(join(workspace, 'runbook.yaml')))
    mkdirSync(join(walker, 'playbooks'))
    writeFileSync(join(walker, 'playbooks', 'lost-laptop.yaml'), readFileSync(join(workspace, 'playbooks', 'lost-laptop.yaml')))
    expect((await runCli(['incident', 'open', '--playbook', 'lost-laptop'], {workspace: walker})).code).toBe(0)
    const prompter = scripted([
      [/^Which business customers' data was on it\?/, 'acme, globex'],
      [/When did the organisation learn/, ''],
      [/When was the device lost/, ''],
      [/Was it stolen/, '__not_known__'],
      [/^take-report: what now\?/, 'stop'],
    ])
    const walked = await runCli(['incident', 'run', '--step', 'take-report'], {workspace: walker, prompter})
    expect(walked.code, walked.stderr).toBe(0)
    const facts = await runJson<{key: string; value: unknown}[]>(['fact', 'list'], {workspace: walker})
    expect(facts.find((f) => f.key === 'customers_affected')?.value).toEqual(['acme', 'globex'])
  })

  it("a workspace scenario may set the organisation's facts, and a drill starts from it", async () => {
    const drills = tempDir()
    writeFileSync(join(drills, 'runbook.yaml'), readFileSync(join(workspace, 'runbook.yaml')))
    mkdirSync(join(drills, 'playbooks', 'scenarios'), {recursive: true})
    const scenario = readFileSync(join(ROOT, 'playbooks', 'scenarios', 'credential-stuffing-ato.yaml'), 'utf8')
      .replace(/^id: .*$/m, 'id: acme-stuffing')
      .replace(/^facts:\n/m, 'facts:\n  customers_affected: [acme]\n')
    const file = join(drills, 'playbooks', 'scenarios', 'acme-stuffing.yaml')
    writeFileSync(file, scenario)
    const validated = await runCli(['playbook', 'validate', file], {workspace: drills})
    expect(validated.code, validated.stdout + validated.stderr).toBe(0)
    expect((await runCli(['drill', 'list'], {workspace: drills})).stdout).toContain('acme-stuffing')
    const started = await runCli(['drill', 'start', '--scenario', 'acme-stuffing'], {workspace: drills})
    expect(started.code, started.stderr).toBe(0)
    writeFileSync(file, scenario.replace('customers_affected', 'partners_affected'))
    const refused = await runCli(['playbook', 'validate', file], {workspace: drills})
    expect(refused.code).toBe(2)
    expect(refused.stdout + refused.stderr).toContain('unknown fact "partners_affected"')
  })

  it("an organisation's own time in the future is refused without --force, as runbook's own are, and a past one is not", async () => {
    const dated = tempDir()
    writeFileSync(
      join(dated, 'runbook.yaml'),
      'organization:\n  name: Acme\n  timezone: UTC\nfacts:\n  contract_signed_at:\n    type: instant\n    description: when the customer contract was signed\n',
    )
    expect((await runCli(['incident', 'open', '--playbook', 'lost-device'], {workspace: dated})).code).toBe(0)
    const future = await runCli(['fact', 'set', 'contract_signed_at', '2099-01-01 09:00'], {workspace: dated})
    expect(future.code).toBe(2)
    expect(future.stderr).toContain('contract_signed_at 2099-01-01 09:00 +00:00 is in the future')
    expect(future.stderr).toContain('add --force')
    expect((await runCli(['fact', 'set', 'contract_signed_at', '2099-01-01 09:00', '--force'], {workspace: dated})).code).toBe(0)
    expect((await runCli(['fact', 'set', 'contract_signed_at', '2020-01-05 09:00'], {workspace: dated})).code).toBe(0)
  })

  it('a fact the organisation has not declared is still refused, naming the file and line', async () => {
    const other = readFileSync(join(workspace, 'playbooks', 'lost-laptop.yaml'), 'utf8').replaceAll('customers_affected', 'partners_affected')
    const file = join(tempDir(), 'other.yaml')
    writeFileSync(file, other)
    const validated = await runCli(['playbook', 'validate', file], {workspace})
    expect(validated.code).toBe(2)
    expect(validated.stdout + validated.stderr).toMatch(/other\.yaml:\d+:\d+ .*unknown fact "partners_affected"/)
  })
})
