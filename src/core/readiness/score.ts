import {isPlaceholderContact} from '../notices/evidence.js'
import type {FactValue} from '../facts/vocabulary.js'
import {expandRegion} from '../facts/regions.js'
import {ROLE_TITLES, type Role} from '../playbook/model.js'
import type {WorkspaceConfig} from '../workspace/config.js'
import type {Route} from '../notices/routing.js'

export interface Check {
  id: string
  title: string
  weight: number
  /** 0 to 1: partial credit where a check has several parts (roles, playbooks). */
  score: number
  passed: boolean
  details: string[]
  fix: string
}

export interface ReadinessInput {
  config: WorkspaceConfig
  now: Date
  playbooks: {id: string; file: string; valid: boolean; reviewedAt?: string}[]
  scenarios: {id: string; file: string; valid: boolean; reviewedAt?: string; highRisk: boolean}[]
  rolesNeeded: Role[]
  templates: {id: string; exists: boolean; errors: string[]}[]
  drills: {scenario: string; endedAt: string}[]
  regulatorObligations: {id: string; title: string; covered: boolean}[]
}

const YEAR_MS = 365 * 86_400_000
const EEA = new Set(expandRegion('EEA'))

/** Whether a date falls within the year before `now`: a playbook reviewed, a drill completed. */
export function withinLastYear(date: string | undefined, now: Date): boolean {
  return date !== undefined && now.getTime() - Date.parse(date) <= YEAR_MS
}

/** The facts readiness assumes for "a breach of everything we hold, everywhere we operate". */
export function worstCaseFacts(config: WorkspaceConfig): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {
    aware_at: '2026-01-05T09:00:00.000Z',
    risk: 'high',
    encrypted: false,
    unlawful_purpose_suspected: true,
    data_categories: [...new Set((config.data_inventory ?? []).map((d) => d.category))],
    'affected.total': 1000 * Math.max(1, (config.regions ?? []).length),
  }
  if (config.organization.entity_types) facts.entity_types = config.organization.entity_types
  for (const region of config.regions ?? []) for (const code of expandRegion(region)) facts[`affected.${code}`] = 1000
  return facts
}

/** The templates a workspace needs, from where its customers live, what it holds and what kind of entity it is. */
export function neededTemplates(config: WorkspaceConfig): string[] {
  const regions = (config.regions ?? []).flatMap(expandRegion)
  const categories = new Set((config.data_inventory ?? []).map((d) => d.category))
  const entities = new Set(config.organization.entity_types ?? [])
  const needed = new Set<string>(['internal/executive-summary'])
  if (regions.some((r) => r === 'US' || r.startsWith('US-'))) needed.add('customer/us')
  if (regions.some((r) => EEA.has(r))) needed.add('customer/gdpr').add('regulator/gdpr-art33')
  if (regions.includes('GB')) needed.add('customer/gdpr').add('regulator/ico')
  if (regions.includes('JP')) needed.add('customer/appi').add('regulator/ppc-sokuho').add('regulator/ppc-kakuho')
  if (entities.has('hipaa_covered_entity') && categories.has('health')) needed.add('customer/hipaa').add('regulator/hhs')
  if (entities.has('sec_registrant')) needed.add('regulator/sec-8k')
  if (entities.has('nydfs_covered_entity')) needed.add('regulator/nydfs')
  return [...needed].sort()
}

/**
 * The languages a needed customer notice must have: every language the organisation writes to customers in
 * (organization.locales), so that no reader in a declared language gets another one; except a notice whose every
 * route names the language its law expects (Japan: ja), which needs that language.
 */
export function neededLanguages(templateId: string, locales: readonly string[], routes: readonly Pick<Route, 'template' | 'language'>[]): string[] {
  const own = routes.filter((r) => r.template === templateId)
  const languages = own.length > 0 && own.every((r) => r.language) ? own.map((r) => r.language!) : locales.map((l) => l.slice(0, 2))
  return [...new Set(languages)].sort()
}

const reachable = (p?: {email?: string; phone?: string}) => Boolean(p && (p.email || p.phone))

/** Each check with its weight, result and the fix; the score is the weighted sum, out of 100. */
export function readinessChecks(input: ReadinessInput): Check[] {
  const {config, now} = input
  const checks: Check[] = []
  const ageOk = (date?: string) => withinLastYear(date, now)
  const add = (check: Omit<Check, 'passed'>) => checks.push({...check, passed: check.score >= 1})

  const roster = config.roster ?? {}
  const roles = [...new Set(input.rolesNeeded)]
  const gaps = roles.flatMap((role) => {
    const entry = roster[role]
    const missing: string[] = []
    if (!entry || !reachable(entry.primary)) missing.push(`${ROLE_TITLES[role]}: no primary with an email or phone`)
    if (!entry?.backup || !reachable(entry.backup)) missing.push(`${ROLE_TITLES[role]}: no backup with an email or phone`)
    return missing
  })
  add({
    id: 'roster',
    title: 'Every role the playbooks name has a reachable primary and backup',
    weight: 20,
    score: roles.length === 0 ? 1 : 1 - gaps.length / (roles.length * 2),
    details: gaps,
    fix: 'Add the missing people under roster: in runbook.yaml (primary and backup, each with email or phone), or run `runbook init` again.',
  })

  const stale = input.playbooks.filter((p) => !p.valid || !ageOk(p.reviewedAt))
  const staleScenarios = input.scenarios.filter((s) => !s.valid || !ageOk(s.reviewedAt))
  const content = [...input.playbooks, ...input.scenarios]
  add({
    id: 'playbooks-current',
    title: 'Every playbook and scenario validates and was reviewed in the last 12 months',
    weight: 15,
    score: content.length === 0 ? 0 : 1 - (stale.length + staleScenarios.length) / content.length,
    details: [...stale, ...staleScenarios].map((p) => `${p.id}: ${p.valid ? `last reviewed ${p.reviewedAt}` : 'does not validate'} (${p.file})`),
    fix: 'Review each one with its owner, update reviewed_at, and run `runbook playbook validate`.',
  })

  const badTemplates = input.templates.filter((t) => !t.exists || t.errors.length > 0)
  add({
    id: 'templates',
    title: "The notices the workspace's jurisdictions and data need exist, in each language it writes in, and lint clean",
    weight: 15,
    score: input.templates.length === 0 ? 1 : 1 - badTemplates.length / input.templates.length,
    details: badTemplates.map((t) => (t.exists ? `${t.id}: ${t.errors.join('; ')}` : `${t.id}: missing`)),
    fix: 'Add or fix the templates named (see `runbook notice lint TEMPLATE`); add a version in each language of organization.locales; check regions, data_inventory and contact in runbook.yaml.',
  })

  const recent = input.drills.filter((d) => ageOk(d.endedAt))
  add({
    id: 'drill-recent',
    title: 'A drill was completed in the last 12 months',
    weight: 15,
    score: recent.length > 0 ? 1 : 0,
    details: recent.length ? [] : ['no drill completed in the last 12 months'],
    fix: 'Run a tabletop exercise: `runbook drill start --scenario ID`, then `runbook drill end`.',
  })
  const highRisk = input.scenarios.filter((s) => s.highRisk)
  const unpractised = highRisk.filter((s) => !recent.some((d) => d.scenario === s.id))
  add({
    id: 'drill-high-risk',
    title: 'Each high-risk scenario was practised in the last 12 months',
    weight: 10,
    score: highRisk.length === 0 ? 1 : 1 - unpractised.length / highRisk.length,
    details: unpractised.map((s) => `${s.id}: not practised`),
    fix: `Schedule the missing drills: ${unpractised.map((s) => `runbook drill start --scenario ${s.id}`).join('; ') || 'none'}.`,
  })

  const uncovered = input.regulatorObligations.filter((o) => !o.covered)
  add({
    id: 'regulator-templates',
    title: 'Every regulator report the jurisdictions require has a template',
    weight: 10,
    score: input.regulatorObligations.length === 0 ? 1 : 1 - uncovered.length / input.regulatorObligations.length,
    details: uncovered.map((o) => `${o.id}: ${o.title}`),
    fix: 'Add a template under templates/regulator/ whose front matter serves: the obligation id.',
  })

  const contact = config.organization.contact
  const contactProblems: string[] = []
  if (!contact?.email) contactProblems.push('organization.contact.email is not set')
  if (!contact?.phone) contactProblems.push('organization.contact.phone is not set')
  if (!contact?.website) contactProblems.push('organization.contact.website is not set')
  for (const value of [contact?.email, contact?.phone, contact?.website, config.organization.dpo?.email]) {
    // The same rule as the notice linter's, so a number readiness accepts is one a notice may print.
    if (value && isPlaceholderContact(value)) contactProblems.push(`"${value}" is a placeholder`)
  }
  if (!config.regions?.length) contactProblems.push('regions (where customers live) is not set, so deadlines and templates cannot be checked')
  add({
    id: 'contact',
    title: 'Real contact details for customers, and the regions where they live',
    weight: 15,
    score: Math.max(0, 1 - contactProblems.length / 4),
    details: contactProblems,
    fix: 'Set organization.contact (email, phone, website) and regions in runbook.yaml with real values.',
  })
  return checks.sort((a, b) => Number(a.passed) - Number(b.passed) || b.weight * (1 - b.score) - a.weight * (1 - a.score))
}

export function readinessScore(checks: readonly Check[]): number {
  const total = checks.reduce((sum, c) => sum + c.weight, 0)
  return Math.round((checks.reduce((sum, c) => sum + c.weight * Math.max(0, c.score), 0) / total) * 100)
}
