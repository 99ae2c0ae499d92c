import type {FactValue} from '../core/facts/vocabulary.js'
import {evaluateObligations, type ObligationResult} from '../core/deadlines/obligations.js'
import {OperationalError, UserError} from '../core/errors.js'
import type {Finding} from '../core/notices/lint.js'
import {lintNotice} from '../core/notices/lint.js'
import type {Role} from '../core/playbook/model.js'
import {stepsInOrder} from '../core/playbook/order.js'
import {SAMPLE_TEXT_FACTS} from '../core/readiness/sample.js'
import {neededLanguages, neededTemplates, readinessChecks, readinessScore, withinLastYear, worstCaseFacts, type Check} from '../core/readiness/score.js'
import {commitments} from '../core/readiness/statement.js'
import {createRenderer} from '../render/notice.js'
import {writeFileAtomic} from '../store/files.js'
import {availablePlaybooks, playbookFiles} from '../store/playbooks.js'
import {availableRegulations} from '../store/regulations.js'
import {scenarioFiles} from '../store/scenarios.js'
import {listTemplates, loadTemplateMeta, noticeRoutes, templateSearchPaths} from '../store/templates.js'
import type {Context} from './context.js'
import {listSummaries} from './incidents.js'
import {renderTemplate} from './notices.js'

/** The obligations the workspace would face in its worst case: every region it serves, every kind of data it holds. */
async function worstCaseObligations(ctx: Context): Promise<{obligations: ObligationResult[]; facts: ReturnType<typeof worstCaseFacts>}> {
  const config = await ctx.workspace.config()
  const facts = worstCaseFacts(config)
  const {regulations} = await availableRegulations(ctx.workspace.root)
  const obligations = evaluateObligations({regulations: regulations.map((r) => r.regulation), facts, met: {}, now: sampleNow(facts), isHoliday: () => false})
  return {obligations, facts}
}

/**
 * The sample breach's "now": an hour after its awareness, so that its reports are rendered on time. Judged at the
 * real date, every sample report was months late, and a report that must give the reasons for a delay (GDPR Art.
 * 33(1)) failed the check for a reason no real one would.
 */
function sampleNow(facts: Record<string, FactValue>): Date {
  return new Date(Date.parse(String(facts.aware_at)) + 3_600_000)
}

/** Gathers what the readiness checks look at, from the workspace and the built-ins. */
export async function assessReadiness(ctx: Context): Promise<{score: number; checks: Check[]}> {
  const root = ctx.workspace.root
  const now = ctx.now()
  const config = await ctx.workspace.config()
  const playbooks = playbookFiles(root).map((f) => ({
    id: f.playbook?.id ?? f.file,
    file: f.file,
    valid: Boolean(f.playbook),
    reviewedAt: f.playbook?.reviewed_at,
  }))
  const scenarios = (await scenarioFiles(root)).map((f) => ({
    id: f.scenario?.id ?? f.file,
    file: f.file,
    valid: Boolean(f.scenario),
    reviewedAt: f.scenario?.reviewed_at,
    highRisk: f.scenario?.high_risk ?? false,
  }))
  const rolesNeeded = [...availablePlaybooks(root).values()].flatMap((p) => stepsInOrder(p.playbook).map((s) => s.owner)) as Role[]

  const worst = await worstCaseObligations(ctx)
  const facts = {...worst.facts, ...SAMPLE_TEXT_FACTS}
  const {obligations} = worst
  const all = listTemplates(root)
  const state = {
    id: 'readiness-sample',
    title: 'Readiness sample',
    openedAt: now.toISOString(),
    drill: false,
    playbook: {id: 'sample'},
    timezone: config.organization.timezone,
  }
  const routes = await noticeRoutes(config.notices?.routes)
  const templates = []
  for (const id of neededTemplates(config)) {
    const entry = all.get(id)
    if (!entry) {
      templates.push({id, exists: false, errors: []})
      continue
    }
    const errors: string[] = []
    // A customer notice is checked in each language it must have; a language it lacks is not covered.
    const customer = (await loadTemplateMeta(entry.variants[0]!)).kind === 'customer'
    const languages: (string | undefined)[] = customer ? neededLanguages(id, config.organization.locales, routes) : [undefined]
    for (const short of [...new Set(entry.variants.map((v) => v.short))]) {
      const has = (language: string) => entry.variants.some((v) => v.short === short && v.locale.slice(0, 2) === language)
      const lacking = languages.filter((l): l is string => l !== undefined && !has(l))
      if (lacking.length)
        errors.push(
          `${short ? 'short form: ' : ''}no ${lacking.join(' or ')} version (organization.locales lists it: readers in that language would get another)`,
        )
      for (const language of languages) {
        if (language && lacking.includes(language)) continue
        const form = `${short ? 'short: ' : ''}${language && languages.length > 1 ? `${language}: ` : ''}`
        try {
          const {findings} = await renderTemplate(ctx, {
            templateId: id,
            format: 'md',
            short,
            locale: language,
            now: sampleNow(facts),
            state,
            facts,
            obligations,
          })
          errors.push(...findings.filter((f) => f.severity === 'error').map((f) => `${form}${f.message}`))
        } catch (error) {
          if (!(error instanceof UserError)) throw error
          errors.push(`${form}${error.message}`)
        }
      }
    }
    templates.push({id, exists: true, errors})
  }
  const served = new Set<string>()
  for (const entry of all.values()) for (const variant of entry.variants) (await loadTemplateMeta(variant)).serves.forEach((s) => served.add(s))
  const regulatorObligations = obligations
    .filter((o) => o.applies === 'yes' && o.notify.includes('regulator') && !o.recipient?.startsWith('(internal'))
    .map((o) => ({id: o.id, title: o.title, covered: served.has(o.id)}))

  const drills = await completedDrills(ctx)
  const checks = readinessChecks({config, now, playbooks, scenarios, rolesNeeded, templates, drills, regulatorObligations})
  return {score: readinessScore(checks), checks}
}

/** `readiness --min-score`: a score below the minimum fails, with the checks in the one --json document. */
export function assertMinimumScore(score: number, minimum: number | undefined, result: unknown): void {
  if (minimum !== undefined && score < minimum) {
    throw new OperationalError(`readiness score ${score} is below the minimum of ${minimum}`, {hint: 'Fix the gaps listed above, most valuable first.', result})
  }
}

/** The public statement must not go out with lint errors. */
export function assertStatementLinted(findings: readonly Finding[]): void {
  if (findings.some((f) => f.severity === 'error'))
    throw new OperationalError('the statement has lint errors', {hint: 'Fix runbook.yaml (contact details) or templates/reports/statement.en.md.njk.'})
}

/**
 * The public page on how the organisation handles a breach: whom it tells and how fast, how customers are
 * contacted, their choices, whom to ask. Built from the worst-case obligations, linted like a notice.
 */
export async function publicStatement(ctx: Context, options: {format: 'md' | 'html'; out?: string}): Promise<{output: string; findings: Finding[]}> {
  const config = await ctx.workspace.config()
  const {obligations} = await worstCaseObligations(ctx)
  const renderer = createRenderer(templateSearchPaths(ctx.workspace.root))
  const languageNames = new Intl.DisplayNames(['en'], {type: 'language'})
  // "We test this plan at least once a year" is said only when a drill was completed in the last 12 months (the
  // readiness check's rule): it was printed whatever readiness knew, a public promise the tool could see was untrue.
  const now = ctx.now()
  const practised = (await completedDrills(ctx)).some((d) => withinLastYear(d.endedAt, now))
  const context = {
    practised,
    org: config.organization,
    commitments: commitments(obligations),
    channels: config.channels ?? ['email'],
    languages: config.organization.locales.map((l) => languageNames.of(l) ?? l),
    locale: 'en',
    zone: config.organization.timezone,
  }
  let markdown: string
  try {
    markdown = renderer.plain.render('reports/statement.en.md.njk', context).replace(/^\n+/, '')
  } catch (error) {
    throw new OperationalError(`cannot render the statement: ${(error as Error).message.split('\n').slice(-1)[0]?.trim()}`, {
      hint: 'Set organization.contact in runbook.yaml (email, phone, website).',
    })
  }
  const findings = lintNotice({text: markdown, locale: 'en', kind: 'public', short: false, exercise: false, required: [], grade: 9})
  const output =
    options.format === 'html'
      ? renderer.html.render('layouts/page.html.njk', {
          title: `How ${config.organization.name} handles a data breach`,
          body: renderer.markdown.render(markdown),
          lang: 'en',
          org: config.organization,
        })
      : markdown
  if (options.out) writeFileAtomic(options.out, output)
  return {output, findings}
}

/** The drills run to their end in this workspace, with when each ended. */
async function completedDrills(ctx: Context): Promise<{scenario: string; endedAt: string}[]> {
  return (await listSummaries(ctx, {drills: true})).filter((s) => s.drill && s.drillEndedAt).map((s) => ({scenario: s.scenario!, endedAt: s.drillEndedAt!}))
}
