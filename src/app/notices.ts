import {buildContext, MissingValueError} from '../core/notices/context.js'
import {lintNotice, type Finding} from '../core/notices/lint.js'
import type {TemplateMeta} from '../core/notices/schema.js'
import type {ContentItem} from '../core/regulations/schema.js'
import {UserError} from '../core/errors.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import type {LoadedIncident} from '../store/incidents.js'
import {availableRegulations} from '../store/regulations.js'
import {findTemplate, loadTemplateMeta, templateSearchPaths} from '../store/templates.js'
import type {Workspace} from '../store/workspace.js'
import {chooseVariant, createRenderer, renderNotice, type OutputFormat, type RenderedNotice} from '../render/notice.js'
import {computeDeadlines, deadlineFacts} from './deadlines.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'

export interface NoticeRequest {
  templateId: string
  format: OutputFormat
  short: boolean
  locale?: string
  now: Date
  actor: string
}

export interface NoticeResult {
  rendered: RenderedNotice
  meta: TemplateMeta
  findings: Finding[]
  fellBack?: string
}

/** The content a document must carry, from the obligations it serves (and any named with --regime). */
export async function requirementsFor(workspace: Workspace, obligationIds: readonly string[]): Promise<{obligation: string; items: ContentItem[]}[]> {
  if (obligationIds.length === 0) return []
  const {regulations} = await availableRegulations(workspace.root)
  const byId = new Map(regulations.flatMap((f) => f.regulation.obligations.map((o) => [o.id, o] as const)))
  return obligationIds.map((id) => {
    const obligation = byId.get(id)
    if (!obligation) throw new UserError(`unknown obligation "${id}"`, {hint: `Known: ${[...byId.keys()].sort().join(', ')}`})
    return {obligation: id, items: obligation.content ?? []}
  })
}

/** Renders a template with an incident's facts, then lints the result. Writes nothing. */
export async function renderForIncident(workspace: Workspace, incident: LoadedIncident, request: NoticeRequest, extraRegimes: readonly string[] = []): Promise<NoticeResult> {
  const {obligations} = await computeDeadlines(workspace, incident.state, request.now, request.actor)
  const facts = await deadlineFacts(workspace, incident.state) as Record<string, FactValue>
  return renderTemplate(workspace, {...request, state: incident.state, facts, obligations}, extraRegimes)
}

export interface TemplateInput extends NoticeRequest {
  state: {id: string; title: string; openedAt: string; drill: boolean; playbook: {id: string}; timezone: string}
  facts: Record<string, FactValue>
  obligations: readonly ObligationResult[]
}

/** Renders and lints a template with any facts: an incident's, or the sample facts readiness checks with. */
export async function renderTemplate(workspace: Workspace, input: TemplateInput, extraRegimes: readonly string[] = []): Promise<NoticeResult> {
  const entry = findTemplate(input.templateId, workspace.root)
  const config = await workspace.config()
  const locale = input.locale ?? config.organization.locales[0] ?? 'en'
  const {variant, fellBack} = chooseVariant(entry, locale, input.short)
  const meta = await loadTemplateMeta(variant)
  const missing: MissingValueError[] = []
  const context = buildContext({
    config,
    state: input.state,
    facts: input.facts,
    obligations: input.obligations,
    locale: variant.locale,
    zone: config.organization.timezone ?? input.state.timezone,
    now: input.now,
    short: input.short,
    onMissing: (error) => missing.push(error),
  })
  const renderer = createRenderer(templateSearchPaths(workspace.root))
  const org = config.organization
  const rendered = await renderNotice(renderer, {entry, variant, meta, context, missing, format: input.format, org: {name: org.name, email: org.contact?.email}})
  const required = await requirementsFor(workspace, [...new Set([...meta.serves, ...extraRegimes])])
  const findings = lintNotice({
    text: rendered.text, locale: variant.locale, kind: meta.kind, short: input.short, exercise: input.state.drill, required,
    grade: meta.grade, words: meta.words, sentenceChars: meta.sentence_chars,
  })
  return {rendered, meta, findings, fellBack}
}
