import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// The communications pack: press holding statement and Q&A, staff notice, call-centre script, FAQ, website notice
// and banner, social post, regulator cover letter. None of these templates existed before this change.

const PACK = [
  'comms/press-holding',
  'comms/press-qa',
  'comms/staff-notice',
  'comms/call-centre-script',
  'comms/faq',
  'comms/website-notice',
  'comms/social-post',
  'comms/regulator-cover-letter',
]
/** What customers and journalists read: it must say what the notices say. */
const CUSTOMER_FACING = ['comms/press-holding', 'comms/faq', 'comms/website-notice']

const PRESS = 'Jordan Kim, press@northwind-outfitters.com, +1 617 555 2187'

async function render(workspace: string, template: string, ...flags: string[]) {
  return runCli(['notice', 'render', template, ...flags], {workspace})
}

describe('the communications pack', () => {
  let workspace: string
  beforeAll(async () => {
    // The sample incident has the press contact; the Northwind organisation has a communications lead in its roster.
    workspace = await sampleIncident([
      ['affected.DE', '300'],
      ['affected.total', '1540'],
    ])
    const file = join(workspace, 'runbook.yaml')
    const yaml = readFileSync(file, 'utf8').replace(/establishments:[\s\S]*$/, 'establishments:\n  - {region: DE-BE, main: true}\n  - {region: US-MA}\n')
    writeFileSync(file, yaml)
  })

  for (const template of PACK) {
    it(`${template} renders with the sample incident and lints with no errors`, async () => {
      const result = await render(workspace, template)
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).not.toMatch(/runbook |\{\{|undefined|\[insert/i)
      const lint = await runCli(['notice', 'lint', template], {workspace})
      expect(lint.code, lint.stdout).toBe(0)
      expect(lint.stdout).toContain('0 errors')
    })
  }

  it('what customers and journalists read says what the notices say: the same summary, measures, data and date', async () => {
    const notice = (await render(workspace, 'customer/gdpr', '--for', 'DE', '--locale', 'en')).stdout
    const facts = [
      'On 27 March someone used passwords stolen from another website to sign in to 1,240 customer accounts.',
      'We signed everyone out, reset the passwords of the affected accounts, and now check new sign-ins from unknown devices.',
      'March 28, 2026',
    ]
    for (const fact of facts.slice(0, 2)) expect(notice).toContain(fact)
    for (const template of CUSTOMER_FACING) {
      const text = (await render(workspace, template)).stdout
      for (const fact of facts) expect(text, `${template}: ${fact}`).toContain(fact)
      // The data involved in the same words as the notice to people outside the US.
      expect(text.toLowerCase(), template).toContain('contact details (such as name, email address, phone number or postal address)')
      expect(text.toLowerCase(), template).toContain('usernames and passwords')
    }
    expect(notice.toLowerCase()).toContain('your contact details (such as your name, email address, phone number or postal address)')
  })

  it('the social post and the website banner fit a post or a banner', async () => {
    const post = (await render(workspace, 'comms/social-post')).stdout.trim()
    expect(post.length).toBeLessThanOrEqual(280)
    expect(post).toContain('https://northwind-outfitters.com/security-incident')
    const banner = await render(workspace, 'comms/website-notice', '--short')
    expect(banner.code, banner.stderr).toBe(0)
    expect(banner.stdout.trim().length).toBeLessThanOrEqual(200)
    expect(banner.stdout).toContain('https://northwind-outfitters.com/security-incident')
  })

  it('the staff notice says what to say, what not to say, and where each question goes', async () => {
    const text = (await render(workspace, 'comms/staff-notice')).stdout
    expect(text).toMatch(/## If a customer asks you[\s\S]*## What not to say[\s\S]*## Where to send questions/)
    expect(text).toContain(`**Journalists and bloggers:** ${PRESS}`)
    expect(text).toContain('Dana Lee, dana.lee@northwind-outfitters.com')
  })

  it('the call-centre script gives agents the FAQ answers, and where to pass a call on', async () => {
    const script = (await render(workspace, 'comms/call-centre-script')).stdout
    const faq = (await render(workspace, 'comms/faq')).stdout
    // The same answers: the FAQ's questions appear in the script in the same order.
    const questions = faq.match(/^### .*$/gm)!
    expect(questions.length).toBeGreaterThanOrEqual(8)
    expect(script.match(/^### .*$/gm)).toEqual(questions)
    expect(script).toContain('Give them the press contact')
    expect(script).toContain('Callers in the United States whose letter offers credit monitoring')
  })

  it('a missing fact or roster entry stops the render and names it', async () => {
    const bare = await sampleIncident([], {omit: ['press_contact']})
    const file = join(bare, 'runbook.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/roster:\n( .*\n)+/, ''))
    const press = await render(bare, 'comms/press-holding')
    expect(press.code).toBe(2)
    expect(press.stderr).toContain('press_contact')
    expect((await runCli(['fact', 'set', 'press_contact', PRESS], {workspace: bare})).code).toBe(0)
    const staff = await render(bare, 'comms/staff-notice')
    expect(staff.code).toBe(2)
    expect(staff.stderr).toContain('roster.communications')
  })

  it('the cover letter goes with the filing named, to its authority, dated in its zone, with the reference once filed', async () => {
    expect((await runCli(['fact', 'set', 'filing', 'gdpr-art33'], {workspace})).code).toBe(0)
    const before = await render(workspace, 'comms/regulator-cover-letter')
    expect(before.code, before.stderr).toBe(0)
    expect(before.stdout).toContain('To: Berliner Beauftragte für Datenschutz und Informationsfreiheit')
    expect(before.stdout).toContain('under the EU General Data Protection Regulation')
    // aware_at is 09:00 in New York: 14:00 in Brussels.
    expect(before.stdout).toContain('When we became aware of it: March 28, 2026 at 2:00 PM')
    expect((await runCli(['deadline', 'met', 'gdpr-art33', '--ref', 'BlnBDI-2026-0412', '--delay-reason', 'scope confirmed on day 4'], {workspace})).code).toBe(
      0,
    )
    const after = (await render(workspace, 'comms/regulator-cover-letter')).stdout
    expect(after).toContain('(your reference: BlnBDI-2026-0412)')
    // The press Q&A now says, from the record, that the authority was told.
    expect((await render(workspace, 'comms/press-qa')).stdout).toMatch(/We reported it to Berlin Commissioner[^\n]* on /)
    expect((await runCli(['fact', 'set', 'filing', 'gdpr-art99'], {workspace})).code).toBe(0)
    const unknown = await render(workspace, 'comms/regulator-cover-letter')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('facts.filing')
    expect(unknown.stderr).toContain('gdpr-art33')
  })
})
