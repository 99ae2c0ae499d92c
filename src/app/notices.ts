import {readTextFile} from '../store/files.js'
import {existsSync} from 'node:fs'
import {buildContext, MissingValueError, readerOf, type Reader, type StandInMode} from '../core/notices/context.js'
import {reportFrame} from '../core/notices/report-frame.js'
import {routeFor, type Route} from '../core/notices/routing.js'
import {canonicalRegion, regionOrGroupProblem, withinJurisdiction} from '../core/facts/regions.js'
import type {Facts} from '../core/conditions/condition.js'
import {noticeRenderedEvent} from '../core/notices/events.js'
import {lintNotice, type Finding} from '../core/notices/lint.js'
import type {NOTICE_KINDS, TemplateMeta} from '../core/notices/schema.js'
import type {RequiredContent} from '../core/notices/content-rules.js'
import {OperationalError, UserError} from '../core/errors.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {sha256} from '../core/incident/chain.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import {EXERCISE_MARK} from '../core/exercise.js'
import {availableRegulations} from '../store/regulations.js'
import {writeFileAtomic} from '../store/files.js'
import {findTemplate, listTemplates, loadTemplateMeta, noticeRoutes, templateSearchPaths} from '../store/templates.js'
import {chooseVariant, createRenderer, OUTPUT_FORMATS, renderNotice, type OutputFormat, type RenderedNotice} from '../render/notice.js'
import type {Context} from './context.js'
import {computeDeadlines, deadlineFacts} from './deadlines.js'
import {incidentFlagFor, listSummaries, resolveIncident} from './incidents.js'
import {assertApproved, shown} from './approvals.js'
import {paperFor} from '../render/letter.js'
import {printPdf} from '../render/pdf.js'
import type {IncidentSession} from './session.js'
import {compareOrdinal} from '../core/order.js'

export interface NoticeRequest {
  templateId: string
  format: OutputFormat
  short: boolean
  locale?: string
  now: Date
  /** Render a customer notice for a reader in this jurisdiction (default: where most of its readers live). */
  forJurisdiction?: string
  /** Accept the organisation's own language for text facts that have no translation (said, not silent). */
  allowFallback?: boolean
  /** The incident's id when a command needs --incident to reach it (for the commands a missing fact names). */
  incidentFlag?: string
}

export interface NoticeResult {
  rendered: RenderedNotice
  meta: TemplateMeta
  findings: Finding[]
  fellBack?: string
  /** Whose rules a customer notice was rendered for, and why that jurisdiction. */
  reader?: Reader & {why: string}
  /** Text facts printed in the organisation's language because they have no translation (--allow-fallback). */
  factFallbacks: string[]
}

/**
 * Whom a customer notice is rendered for: the jurisdiction asked for (which this template must be the notice for),
 * else the one of its readers where most people affected live, else the template's own first region.
 */
export function chooseReader(templateId: string, routes: readonly Route[], facts: Facts, requested?: string): Reader & {why: string} {
  if (requested) {
    const problem = regionOrGroupProblem(requested)
    if (problem) throw new UserError(`--for ${problem}`)
    const route = routeFor(routes, requested, facts)
    if (route && route.template !== templateId) {
      throw new UserError(`${templateId} is not the notice for readers in ${requested}: they get ${route.template}`, {
        hint: `Render ${route.template} --for ${requested}, or add a route in runbook.yaml (notices.routes).`,
      })
    }
    return {...readerOf(requested), why: 'as asked (--for)'}
  }
  const counts = Object.entries(facts)
    .filter(([key, value]) => key.startsWith('affected.') && key !== 'affected.total' && typeof value === 'number' && value > 0)
    .map(([key, value]) => [canonicalRegion(key.slice('affected.'.length)), value as number] as const)
    .filter(([region]) => routeFor(routes, region, facts)?.template === templateId)
    .sort((a, b) => b[1] - a[1] || compareOrdinal(a[0], b[0]))
  if (counts[0]) return {...readerOf(counts[0][0]), why: `where most of its readers live (${counts[0][1]} people); choose another with --for`}
  const own = routes.find((r) => r.template === templateId)?.regions[0]
  return {...readerOf(own ?? 'unknown'), why: 'no people affected known yet in its regions; choose one with --for'}
}

/** An obligation whose content is checked, and whether the facts leave it undecided. */
interface Wanted {
  id: string
  undecided?: boolean
}

/**
 * The obligations whose content a document must carry: for a notice, those of its reader's jurisdiction that
 * apply or may apply (the latter said as undecided: their elements are warnings).
 */
function obligationsFor(meta: TemplateMeta, reader: Reader | undefined, obligations: readonly ObligationResult[]): Wanted[] {
  const served = meta.serves.map((id) => ({id}))
  if (meta.kind !== 'customer' || !reader) return served
  return [...served, ...readerObligations(reader.jurisdiction, obligations)]
}

/** The obligations to tell individuals in a jurisdiction that apply, or may (undecided). */
function readerObligations(jurisdiction: string, obligations: readonly ObligationResult[]): Wanted[] {
  return obligations
    .filter((o) => o.applies !== 'no' && o.notify.includes('individuals') && withinJurisdiction(jurisdiction, o.regulation.jurisdiction))
    .map((o) => ({id: o.id, ...(o.applies === 'maybe' ? {undecided: true} : {})}))
}

/**
 * The content a document must carry, from the obligations it serves (and any named with --regime). An obligation
 * wanted twice is decided once: asked for by name or served, it is checked in full.
 */
export async function requirementsFor(ctx: Context, wanted: readonly (string | Wanted)[]): Promise<RequiredContent[]> {
  if (wanted.length === 0) return []
  const undecided = new Map<string, boolean>()
  for (const w of wanted) {
    const {id, undecided: maybe = false} = typeof w === 'string' ? {id: w} : w
    undecided.set(id, (undecided.get(id) ?? true) && maybe)
  }
  const {regulations} = await availableRegulations(ctx.workspace.root)
  const byId = new Map(regulations.flatMap((f) => f.regulation.obligations.map((o) => [o.id, o] as const)))
  return [...undecided].map(([id, maybe]) => {
    const obligation = byId.get(id)
    if (!obligation) throw new UserError(`unknown obligation "${id}"`, {hint: `Known: ${[...byId.keys()].sort().join(', ')}`})
    return {obligation: id, notify: obligation.notify, items: obligation.content ?? [], ...(maybe ? {undecided: true} : {})}
  })
}

/** Renders a template with an incident's facts, then lints the result. Writes nothing. */
export async function renderForIncident(
  ctx: Context,
  session: IncidentSession,
  request: NoticeRequest,
  extraRegimes: readonly string[] = [],
): Promise<NoticeResult> {
  const {obligations} = await computeDeadlines(ctx, session.state, request.now)
  const facts = (await deadlineFacts(ctx, session.state)) as Record<string, FactValue>
  const incidentFlag = await incidentFlagFor(ctx, session.state.id)
  return renderTemplate(ctx, {...request, incidentFlag, state: session.state, facts, obligations}, extraRegimes)
}

export interface TemplateInput extends NoticeRequest {
  state: {id: string; title: string; openedAt: string; drill: boolean; playbook: {id: string}; timezone: string}
  facts: Record<string, FactValue>
  obligations: readonly ObligationResult[]
}

/** Renders and lints a template with any facts: an incident's, or the sample facts readiness checks with. */
export async function renderTemplate(ctx: Context, input: TemplateInput, extraRegimes: readonly string[] = []): Promise<NoticeResult> {
  const root = ctx.workspace.root
  const entry = findTemplate(input.templateId, root)
  const config = await ctx.workspace.config()
  const routes = await noticeRoutes(config.notices?.routes)
  // A reader named with --for gets the language their route gives (a reader in DE: German), unless --locale says.
  const routed = input.forJurisdiction && !regionOrGroupProblem(input.forJurisdiction) ? routeFor(routes, input.forJurisdiction, input.facts) : undefined
  const routeLanguage = routed?.template === entry.id ? routed.language : undefined
  const locale = input.locale ?? routeLanguage ?? config.organization.locales[0] ?? 'en'
  const {variant, fellBack} = chooseVariant(entry, locale, input.short)
  const meta = await loadTemplateMeta(variant)
  const reader = meta.kind === 'customer' ? chooseReader(entry.id, routes, input.facts, input.forJurisdiction) : undefined
  const served = input.obligations.find((o) => o.id === meta.serves[0])
  const report = meta.kind === 'regulator' && served ? reportFrame(served, input.facts, input.now) : undefined
  const missing: MissingValueError[] = []
  const factFallbacks: string[] = []
  const contextWith = (standIn: StandInMode | undefined, found: MissingValueError[]) =>
    buildContext({
      markdown: variant.source === 'md',
      reader,
      report,
      allowFallback: input.allowFallback,
      onFallback: (keys) => (standIn ? undefined : factFallbacks.push(...keys)),
      config,
      state: input.state,
      facts: input.facts,
      obligations: input.obligations,
      locale: variant.locale,
      zone: config.organization.timezone ?? input.state.timezone,
      now: input.now,
      short: input.short,
      onMissing: (error) => found.push(error),
      standIn,
      incidentFlag: input.incidentFlag,
    })
  const renderer = createRenderer(templateSearchPaths(root))
  const org = config.organization
  const paper = paperFor(reader?.country ?? report?.jurisdiction.slice(0, 2) ?? org.country, org.paper)
  const rendered = await renderNotice(renderer, {
    entry,
    variant,
    meta,
    context: contextWith(undefined, missing),
    missing,
    format: input.format,
    org: {name: org.name, email: org.contact?.email},
    recontext: (mode) => {
      const found: MissingValueError[] = []
      return {context: contextWith(mode, found), missing: found}
    },
    print: (html, lang) => printPdf(html, {paper, lang, pageNumbers: true}, ctx.env),
  })
  const required = await requirementsFor(ctx, [...obligationsFor(meta, reader, input.obligations), ...extraRegimes])
  const findings = lintNotice({
    facts: input.facts,
    text: rendered.text,
    locale: variant.locale,
    kind: meta.kind,
    short: input.short,
    exercise: input.state.drill,
    required,
    grade: meta.grade,
    words: meta.words,
    sentenceChars: meta.sentence_chars,
  })
  return {rendered, meta, findings, fellBack, factFallbacks: [...new Set(factFallbacks)], ...(reader ? {reader} : {})}
}

export interface RenderRequest {
  incident?: string
  forJurisdiction?: string
  allowFallback?: boolean
  templateId: string
  format: OutputFormat
  short: boolean
  locale?: string
  out?: string
  regimes: readonly string[]
}

/**
 * `runbook notice render`: renders, writes (to a file, else stdout), records what was produced (template and hash,
 * never the text), and fails on lint errors after writing so the file can be fixed.
 */
export async function renderNoticeForIncident(
  ctx: Context,
  request: RenderRequest,
): Promise<{result: NoticeResult; bytes: Buffer; sha256: string; errors: number}> {
  if (request.format === 'pdf' && !request.out)
    throw new UserError('a PDF is written to a file: add --out FILE (e.g. --out notice.pdf)', {hint: 'Other formats can go to standard output.'})
  const session = await resolveIncident(ctx, request.incident)
  const result = await renderForIncident(
    ctx,
    session,
    {
      templateId: request.templateId,
      format: request.format,
      short: request.short,
      locale: request.locale,
      now: session.now(),
      forJurisdiction: request.forJurisdiction,
      allowFallback: request.allowFallback,
    },
    request.regimes,
  )
  const {rendered, findings} = result
  const bytes = typeof rendered.output === 'string' ? Buffer.from(rendered.output) : rendered.output
  // A render written to a file is the one that goes out: with notices.require_approval, its template files (or
  // these very bytes) must have been approved as they are.
  if (request.out) await assertApproved(ctx, session.state, `${request.templateId} (${rendered.variant.name})`, [rendered.variant], sha256(bytes))
  if (request.out) writeFileAtomic(request.out, bytes)
  else ctx.io.stdout.write(bytes)
  const errors = findings.filter((f) => f.severity === 'error').length
  const hash = sha256(bytes)
  const payload = {
    template: request.templateId,
    file: rendered.variant.name,
    locale: rendered.locale,
    format: rendered.format,
    short: request.short,
    sha256: hash,
    bytes: bytes.length,
    ...(request.out ? {out: request.out} : {}),
    lint: {errors, warnings: findings.length - errors},
  }
  await session.record(noticeRenderedEvent(payload, session.who()))
  return {result, bytes, sha256: hash, errors}
}

export interface LintRequest {
  target: string
  forJurisdiction?: string
  regimes: readonly string[]
  strict: boolean
  kind: (typeof NOTICE_KINDS)[number]
  locale?: string
  short: boolean
  incident?: string
}

export interface LintSummary {
  target: string
  where: string
  errors: number
  warnings: number
  findings: Finding[]
  strict: boolean
  fellBack?: string
}

/** `runbook notice lint`: a rendered file, or a template rendered with the incident's facts first. */
export async function lintTarget(ctx: Context, request: LintRequest): Promise<LintSummary> {
  let findings: Finding[]
  let where = request.target
  let fellBack: string | undefined
  // A rendered file that is not there must be said as such, not answered with the list of templates.
  if (!existsSync(request.target) && /^\.{0,2}\/|\.(md|txt|html?|eml)$/i.test(request.target))
    throw new UserError(`no notice file at ${request.target}`, {
      hint: 'Check the path; a template is linted by its id, e.g. `runbook notice lint customer/us`.',
    })
  if (existsSync(request.target)) {
    let text = readTextFile(request.target, 'notice')
    if (/\.html?$/i.test(request.target) || /^Content-Type:/im.test(text))
      text = text
        .replace(/<style[\s\S]*?<\/style>/gi, '')
        .replace(/<[^>]+>/g, '\n')
        .replace(/&nbsp;/g, ' ')
    const locale = request.locale ?? (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) ? 'ja' : 'en')
    // Elements required only in some cases (a breach date when it is known, bureaus when SSNs were taken) are errors
    // when the incident's facts decide them; without an incident they can only be warnings.
    const session = await incidentForFile(ctx, request.incident)
    const facts = session ? ((await deadlineFacts(ctx, session.state)) as Facts) : undefined
    const forReader = request.forJurisdiction ? await fileReaderObligations(ctx, session, request.forJurisdiction, request.kind) : []
    const required = await requirementsFor(ctx, [...request.regimes, ...forReader])
    if (session) where = `${request.target} (with the facts of ${session.state.id})`
    findings = lintNotice({text, locale, kind: request.kind, short: request.short, exercise: text.includes(EXERCISE_MARK), required, facts})
    if (required.length === 0) findings.push(NO_LAW_CHECKED)
  } else {
    const session = await resolveIncident(ctx, request.incident)
    const result = await renderForIncident(
      ctx,
      session,
      {templateId: request.target, format: 'md', short: request.short, locale: request.locale, now: session.now(), forJurisdiction: request.forJurisdiction},
      request.regimes,
    )
    findings = result.findings
    where = `${request.target} (${result.rendered.variant.name})`
    fellBack = result.fellBack
  }
  const errors = findings.filter((f) => f.severity === 'error').length
  return {target: request.target, where, errors, warnings: findings.length - errors, findings, strict: request.strict, ...(fellBack ? {fellBack} : {})}
}

/** A file linted against no obligation: its plain language and contacts are checked, no law's required content. */
const NO_LAW_CHECKED: Finding = {
  severity: 'warning',
  rule: 'not-checked',
  message: "no law's required content was checked: the file was linted for plain language, placeholders and contacts only",
  suggestion: "Name the reader's jurisdiction with --for (e.g. --for US-CA) or the obligation with --regime (e.g. --regime gdpr-art34).",
}

/**
 * What a rendered customer notice for a reader in `jurisdiction` must carry (--for on a file): the obligations to
 * tell individuals there that the incident's facts make apply, or may (undecided); without an incident, every such
 * obligation, undecided.
 */
async function fileReaderObligations(ctx: Context, session: IncidentSession | undefined, jurisdiction: string, kind: string): Promise<Wanted[]> {
  const problem = regionOrGroupProblem(jurisdiction)
  if (problem) throw new UserError(`--for ${problem}`)
  if (kind !== 'customer')
    throw new UserError(`--for names a customer's jurisdiction; a ${kind} document is checked against the obligation it answers`, {
      hint: 'Name it with --regime (e.g. --regime gdpr-art33).',
    })
  if (session) return readerObligations(jurisdiction, (await computeDeadlines(ctx, session.state, session.now())).obligations)
  const {regulations} = await availableRegulations(ctx.workspace.root)
  return regulations
    .filter((f) => withinJurisdiction(jurisdiction, f.regulation.jurisdiction))
    .flatMap((f) => f.regulation.obligations.filter((o) => o.notify.includes('individuals')).map((o) => ({id: o.id, undecided: true})))
}

/** The incident a rendered file is checked against: the one named, else the single open one, else none. */
async function incidentForFile(ctx: Context, id: string | undefined): Promise<IncidentSession | undefined> {
  if (id) return resolveIncident(ctx, id)
  const open = (await listSummaries(ctx)).filter((s) => !s.closed)
  return open.length === 1 ? resolveIncident(ctx, open[0]!.id) : undefined
}

/** Errors fail a lint; with --strict, warnings do too. The summary goes with the failure (one --json document). */
export function assertLintPassed(summary: LintSummary): void {
  const {errors, warnings, strict, target} = summary
  if (errors > 0 || (strict && warnings > 0)) {
    throw new OperationalError(`${errors} error(s) and ${warnings} warning(s) in ${target}${strict && errors === 0 ? ' (--strict)' : ''}`, {result: summary})
  }
}

/** A rendered notice with lint errors fails after it was written, so the file can be fixed and linted again. */
export function assertRenderLinted(template: string, errors: number): void {
  if (errors > 0)
    throw new OperationalError(`lint found ${errors} error(s) in the rendered ${template}`, {
      hint: 'Fix the facts or the template, render again, and check with `runbook notice lint`.',
    })
}

export interface TemplateRow {
  id: string
  title: string
  kind: string
  locales: string[]
  forms: string[]
  formats: string[]
  serves: string[]
  origin: 'workspace' | 'built-in'
  /** A workspace file replaces a built-in one of this template (`notice edit` made a copy). */
  overrides: boolean
  /** Where each file is: the workspace's (relative to it) or runbook's own. */
  files: {name: string; origin: 'workspace' | 'built-in'; path: string; overrides: boolean}[]
}

export async function listNoticeTemplates(ctx: Context): Promise<TemplateRow[]> {
  const rows: TemplateRow[] = []
  const base = (await ctx.workspace.config()).organization.locales[0] ?? 'en'
  for (const entry of listTemplates(ctx.workspace.root).values()) {
    // Described in the organisation's own language where the template has it (customer/gdpr: English, not German).
    const first = entry.variants.find((v) => !v.short && v.locale === base) ?? entry.variants.find((v) => !v.short) ?? entry.variants[0]!
    const meta = await loadTemplateMeta(first)
    rows.push({
      id: entry.id,
      title: meta.title,
      kind: meta.kind,
      locales: [...new Set(entry.variants.map((v) => v.locale))].sort(),
      forms: [...new Set(entry.variants.map((v) => (v.short ? 'short' : 'full')))].sort(),
      formats: first.source === 'md' ? [...OUTPUT_FORMATS] : [first.source, 'html', 'eml'],
      serves: meta.serves,
      origin: entry.variants.some((v) => v.origin === 'workspace') ? 'workspace' : 'built-in',
      overrides: entry.variants.some((v) => v.overrides),
      files: entry.variants.map((v) => ({name: v.name, origin: v.origin, path: shown(ctx.workspace.root, v.file), overrides: Boolean(v.overrides)})),
    })
  }
  return rows
}
