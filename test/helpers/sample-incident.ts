import {copyFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect} from 'vitest'
import {ROOT, runCli, tempDir} from './cli.js'

/**
 * A workspace with the Northwind organisation and an incident whose facts every built-in template needs; `omit`
 * leaves some of them unset (to see a notice stop on a missing fact).
 */
export async function sampleIncident(extraFacts: [string, string][] = [], options: {omit?: string[]} = {}): Promise<string> {
  const workspace = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
  expect((await runCli(['incident', 'open', '--playbook', 'account-takeover', '--aware-at', '2026-03-28T09:00-04:00'], {workspace})).code).toBe(0)
  const facts: [string, string][] = [
    ['summary', 'On 27 March someone used passwords stolen from another website to sign in to 1,240 customer accounts.'],
    ['summary.ja', '3月27日、他のサイトから盗まれたパスワードが使われ、お客様のアカウントに不正にログインされました。'],
    ['cause', "Passwords reused from another company's breach."],
    ['cause.ja', '他社の漏えいで盗まれたパスワードが当社でも使い回されていました。'],
    ['consequences', 'Someone could use your address and order history to send convincing fake messages.'],
    ['consequences.ja', 'お客様のご住所やご注文履歴を使った、本物らしく見える偽のメッセージが届くおそれがあります。'],
    ['measures_taken', 'We signed everyone out, reset the passwords of the affected accounts, and now check new sign-ins from unknown devices.'],
    ['measures_taken.ja', '影響を受けたアカウントのパスワードをリセットし、不審なログインの監視を強化しました。'],
    ['data_categories', 'contact,credentials'],
    ['affected.US-CA', '1240'],
    ['affected.total', '1240'],
    ['risk', 'high'],
    ['encrypted', 'false'],
    ['occurred_at', '2026-03-27T22:00Z'],
    ['breach_ended_at', '2026-03-28T08:00Z'],
    ['law_enforcement_delay', 'false'],
    ['monitoring_months', '24'],
    [
      'monitoring_offer',
      'The service is Experian IdentityWorks: daily monitoring of your credit files at the three agencies, help to restore your identity, and identity theft insurance. Enroll by June 30, 2026 at experianidworks.com/credit with activation code NWO-2026-7QK4.',
    ],
    ['materiality_determined_at', '2026-03-30T12:00Z'],
    ['material_impact', 'We do not expect the incident to have a material effect on our finances or operations; our investigation continues.'],
    ...extraFacts,
  ]
  // Recorded after the fact (opened today, facts from March): --force accepts response instants from before the opening.
  for (const [key, value] of facts.filter(([key]) => !options.omit?.includes(key)))
    expect((await runCli(['fact', 'set', key, value, '--force'], {workspace})).code, `${key}`).toBe(0)
  return workspace
}
