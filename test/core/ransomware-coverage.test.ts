import {describe, expect, it} from 'vitest'
import {stepsInOrder, type PlacedStep} from '../../src/core/playbook/order.js'
import {durationToMs} from '../../src/core/time/duration.js'
import {findPlaybook} from '../../src/store/playbooks.js'

const {playbook} = findPlaybook('ransomware')
const steps = stepsInOrder(playbook)
const byId = new Map(steps.map((s) => [s.id, s]))

/** Everything a responder reads for a step: its title, its guidance and its questions. */
const text = (step: PlacedStep) => [step.title, step.guidance, ...(step.asks ?? []).flatMap((a) => [a.prompt, a.help ?? ''])].join(' ').replace(/\s+/g, ' ')

/**
 * The #StopRansomware Guide (CISA, FBI, NSA, MS-ISAC; May 2023), Part 2 "Ransomware and Data Extortion Response
 * Checklist", item by item under its headings, with the steps that carry it out and what their text must name.
 */
const CISA_CHECKLIST: {section: string; item: string; steps: string[]; names: RegExp}[] = [
  {
    section: 'Detection and Analysis',
    item: 'Determine which systems were impacted, and immediately isolate them',
    steps: ['isolate-systems'],
    names: /isolate|cut them off/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'take the network offline at the switch level if several systems or subnets are hit',
    steps: ['isolate-systems'],
    names: /switch/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'isolate in a coordinated manner over out-of-band communication',
    steps: ['declare-incident'],
    names: /out-of-band|does not run on the affected systems/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'Power down devices only if you cannot disconnect them',
    steps: ['isolate-systems'],
    names: /power down only a device you cannot disconnect/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'Triage impacted systems for restoration and recovery (critical asset list)',
    steps: ['triage-impact'],
    names: /critical asset list/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'Examine detection and prevention systems and logs for precursor malware',
    steps: ['identify-initial-access'],
    names: /precursor/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'Confer with your team to develop and document an initial understanding',
    steps: ['assemble-team', 'triage-impact'],
    names: /team|rate the incident/i,
  },
  {
    section: 'Detection and Analysis',
    item: 'Initiate threat hunting activities',
    steps: ['threat-hunt'],
    names: /newly created|cobalt strike|remote monitoring/i,
  },
  {
    section: 'Reporting and Notification',
    item: 'Engage internal and external teams and stakeholders (insurer, management)',
    steps: ['assemble-team'],
    names: /insurer/i,
  },
  {
    section: 'Reporting and Notification',
    item: 'Report to CISA, the FBI or another law-enforcement agency',
    steps: ['notify-law-enforcement'],
    names: /FBI|police/,
  },
  {
    section: 'Reporting and Notification',
    item: 'Coordinate with communications to share accurate information inside and outside',
    steps: ['brief-staff', 'press-holding-statement', 'call-centre-script'],
    names: /staff|statement|script/i,
  },
  {
    section: 'Reporting and Notification',
    item: 'If data was breached, follow notification requirements',
    steps: ['assess-notification', 'notify-regulators-and-people'],
    names: /runbook deadline/,
  },
  {
    section: 'Containment and Eradication',
    item: 'Take a system image and memory capture of a sample of affected devices',
    steps: ['preserve-evidence'],
    names: /memory and disk images of a sample/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Consult federal law enforcement regarding possible decryptors',
    steps: ['notify-law-enforcement', 'identify-strain'],
    names: /decryptor/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Research trusted guidance for the variant; kill known ransomware binaries',
    steps: ['identify-strain'],
    names: /known binaries/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Identify the systems and accounts involved in the initial breach, email included',
    steps: ['identify-initial-access'],
    names: /accounts of the initial breach, email accounts included/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Contain associated systems used for continued access (VPN, remote access, SSO)',
    steps: ['identify-initial-access', 'reset-credentials'],
    names: /VPN/,
  },
  {
    section: 'Containment and Eradication',
    item: 'Conduct extended analysis to identify outside-in and inside-out persistence',
    steps: ['eradicate-persistence'],
    names: /outside-in and inside-out persistence/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Rebuild systems based on prioritisation of critical services',
    steps: ['restore-from-backups'],
    names: /rebuild/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Issue password resets for all affected systems once the environment is clean',
    steps: ['reset-krbtgt-first'],
    names: /all user, service and computer account passwords/i,
  },
  {
    section: 'Containment and Eradication',
    item: 'Declare the ransomware incident over based on established criteria',
    steps: ['declare-over'],
    names: /criteri/i,
  },
  {
    section: 'Recovery and Post Incident Activity',
    item: 'Reconnect systems and restore data from offline backups by priority',
    steps: ['restore-from-backups'],
    names: /offline backups/i,
  },
  {
    section: 'Recovery and Post Incident Activity',
    item: 'Take care not to re-infect clean systems during recovery',
    steps: ['restore-from-backups'],
    names: /clean, separate network/i,
  },
  {section: 'Recovery and Post Incident Activity', item: 'Document lessons learned', steps: ['lessons-learned'], names: /lessons/i},
  {
    section: 'Recovery and Post Incident Activity',
    item: 'Share lessons learned and indicators of compromise with CISA or your ISAC',
    steps: ['share-indicators'],
    names: /indicators of compromise/i,
  },
]

/** The gaps issue 17 found against the guide and SP 800-61, each with the steps that now close it. */
const ISSUE_GAPS: {gap: string; steps: string[]; names: RegExp}[] = [
  {gap: 'protect backups now: isolate backup systems and credentials', steps: ['protect-backups'], names: /backup admin credentials/i},
  {gap: 'business continuity and manual operations', steps: ['business-continuity'], names: /manual or paper processes/i},
  {gap: 'identify the initial-access accounts and precursor malware', steps: ['identify-initial-access'], names: /dropper/i},
  {gap: 'hunt persistence: new accounts', steps: ['eradicate-persistence'], names: /new or re-enabled accounts/i},
  {gap: 'hunt persistence: GPOs', steps: ['eradicate-persistence'], names: /GPOs/},
  {gap: 'hunt persistence: scheduled tasks', steps: ['eradicate-persistence'], names: /scheduled tasks/i},
  {gap: 'hunt persistence: remote-access tools', steps: ['eradicate-persistence'], names: /remote-access and RMM tools/i},
  {gap: 'hunt persistence: web shells', steps: ['eradicate-persistence'], names: /web shells/i},
  {gap: 'hunt persistence: cloud tokens', steps: ['eradicate-persistence'], names: /tokens/i},
  {gap: 'KRBTGT reset twice', steps: ['reset-krbtgt-first', 'reset-krbtgt-second'], names: /KRBTGT/},
  {gap: 'the wait between the two KRBTGT resets, from Microsoft', steps: ['reset-krbtgt-first', 'reset-krbtgt-second'], names: /10 hours/},
  {gap: 'law enforcement early', steps: ['notify-law-enforcement'], names: /report early/i},
  {gap: 'no contact with the attacker except through professionals', steps: ['attacker-contact'], names: /specialist firm under counsel's direction/i},
  {gap: 'leak-site monitoring', steps: ['monitor-leak-site'], names: /leak site/i},
  {gap: 'criteria for declaring it over', steps: ['declare-over'], names: /only when every criterion holds/i},
  {gap: "watching for the attacker's return", steps: ['watch-for-return'], names: /heightened monitoring/i},
  {gap: 'staff communication instruction', steps: ['brief-staff'], names: /comms\/staff-notice/},
  {gap: 'customer-service script', steps: ['call-centre-script'], names: /comms\/call-centre-script/},
  {gap: 'press holding statement', steps: ['press-holding-statement'], names: /comms\/press-holding/},
]

describe('the ransomware playbook against the #StopRansomware Guide checklist', () => {
  it.each(CISA_CHECKLIST)('$section: $item -> $steps', ({steps: ids, names}) => {
    for (const id of ids) expect(byId.has(id), `step ${id} exists`).toBe(true)
    // Every step named carries the item; the text of at least one names the thing itself.
    expect(
      ids.some((id) => names.test(text(byId.get(id)!))),
      `${ids.join(' or ')} names ${names}`,
    ).toBe(true)
  })

  it('cites the guide, its checklist and SP 800-61 Rev. 3 in its description', () => {
    expect(playbook.description).toMatch(/#StopRansomware Guide \(May 2023\), Part 2 response checklist/)
    expect(playbook.description).toMatch(/NIST SP 800-61 Rev\. 3 \(April 2025/)
    expect(playbook.description).toMatch(/Microsoft's AD Forest Recovery guidance/)
  })
})

describe('the ransomware playbook closes every gap issue 17 found', () => {
  it.each(ISSUE_GAPS)('$gap -> $steps', ({steps: ids, names}) => {
    for (const id of ids) {
      expect(byId.has(id), `step ${id} exists`).toBe(true)
      expect(text(byId.get(id)!), `${id} names ${names}`).toMatch(names)
    }
  })

  it('puts containment first: only declaring the incident (its first questions, the out-of-band bridge) is as urgent as isolation', () => {
    const isolate = durationToMs(byId.get('isolate-systems')!.target!)
    expect(isolate).toBeLessThanOrEqual(durationToMs('15m'))
    expect(steps.filter((s) => s.target && durationToMs(s.target) <= isolate).map((s) => s.id)).toEqual(['declare-incident', 'isolate-systems'])
    // Backups next, before anything else.
    const rest = steps.filter((s) => s.target && !['declare-incident', 'isolate-systems'].includes(s.id))
    rest.sort((a, b) => durationToMs(a.target!) - durationToMs(b.target!))
    expect(rest[0]!.id).toBe('protect-backups')
    expect(durationToMs(byId.get('protect-backups')!.target!)).toBeLessThan(durationToMs('1h'))
    // Law enforcement is told early, not at 72 hours.
    expect(durationToMs(byId.get('notify-law-enforcement')!.target!)).toBeLessThanOrEqual(durationToMs('4h'))
  })

  it('orders what must come in order: reset, then eradicate, then restore; the second KRBTGT reset after the first', () => {
    expect(byId.get('eradicate-persistence')!.after).toEqual(expect.arrayContaining(['reset-credentials', 'identify-initial-access']))
    expect(byId.get('reset-krbtgt-first')!.after).toEqual(['eradicate-persistence'])
    expect(byId.get('reset-krbtgt-second')!.after).toEqual(['reset-krbtgt-first'])
    expect(byId.get('restore-from-backups')!.after).toEqual(expect.arrayContaining(['eradicate-persistence', 'protect-backups']))
    expect(byId.get('declare-over')!.after).toEqual(expect.arrayContaining(['restore-from-backups', 'reset-krbtgt-second', 'eradicate-persistence']))
    expect(byId.get('watch-for-return')!.after).toEqual(['declare-over'])
  })

  it('asks the three prioritisation facts in the first hour', () => {
    const asking = steps.filter((s) => s.asks?.some((a) => ['functional_impact', 'information_impact', 'recoverability'].includes(a.fact)))
    expect(asking.map((s) => s.id)).toEqual(['triage-impact'])
    expect(durationToMs(asking[0]!.target!)).toBeLessThanOrEqual(durationToMs('1h'))
  })
})
