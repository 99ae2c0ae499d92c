import {checkRegularFile} from '../store/files.js'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {sha256} from '../core/incident/chain.js'
import {paperFor} from '../render/letter.js'
import {launchChromium, lettersToPdf} from '../render/pdf.js'
import {writeFileAtomic} from '../store/files.js'
import type {OutputFile} from '../merge/output-folder.js'
import {OperationalError, UserError} from '../core/errors.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {notifyCompletedEvent} from '../core/notices/events.js'
import {notifyCustomers as runMerge, type EmailFormat, type MergeIncident, type NotifyResult} from '../merge/run.js'
import {parseMapping} from '../merge/recipients.js'
import {progressBar} from '../ui/progress.js'
import type {Context} from './context.js'
import {computeDeadlines, deadlineFacts} from './deadlines.js'
import {incidentFlagFor, resolveIncident} from './incidents.js'
import {assertApproved, renderedFrom} from './approvals.js'
import {chooseVariant, shortFormFor} from '../render/notice.js'
import {withinJurisdiction} from '../core/facts/regions.js'
import {findTemplate} from '../store/templates.js'
import type {TemplateVariant} from '../core/notices/schema.js'
import type {IncidentSession} from './session.js'

/** As the flags say it (the names are the flags'). */
export interface NotifyFlags {
  recipients: string
  letters?: string
  template?: string
  'force-template'?: boolean
  'allow-fallback'?: boolean
  out?: string
  format: string
  short?: boolean
  'dry-run'?: boolean
  strict?: boolean
  resume?: boolean
  overwrite?: boolean
  'show-names'?: boolean
  map?: string[]
  incident?: string
  /** --json: one document, the same as ever; the next steps (text only) are not worked out. */
  json?: boolean
}

interface NotifyRequest {
  recipients: string
  letters: 'html' | 'pdf'
  template?: string
  forceTemplate: boolean
  allowFallback: boolean
  out?: string
  format: EmailFormat
  short: boolean
  dryRun: boolean
  strict: boolean
  resume: boolean
  overwrite: boolean
  showNames: boolean
  map: string[]
  incident?: string
}

const fromFlags = (f: NotifyFlags): NotifyRequest => ({
  recipients: f.recipients,
  letters: f.letters === 'pdf' ? 'pdf' : 'html',
  template: f.template,
  forceTemplate: f['force-template'] ?? false,
  allowFallback: f['allow-fallback'] ?? false,
  out: f.out,
  format: f.format as EmailFormat,
  short: f.short ?? false,
  dryRun: f['dry-run'] ?? false,
  strict: f.strict ?? false,
  resume: f.resume ?? false,
  overwrite: f.overwrite ?? false,
  showNames: f['show-names'] ?? false,
  map: f.map ?? [],
  incident: f.incident,
})

/** The incident as the mail merge reads it: its state and config, and its obligations at the run's start. */
export async function mergeIncident(ctx: Context, session: IncidentSession): Promise<MergeIncident> {
  return {
    workspaceRoot: ctx.workspace.root,
    config: await ctx.workspace.config(),
    state: session.state,
    now: session.now(),
    incidentFlag: await incidentFlagFor(ctx, session.state.id),
    evaluate: async (at) => ({
      obligations: (await computeDeadlines(ctx, session.state, at)).obligations,
      facts: (await deadlineFacts(ctx, session.state)) as Record<string, FactValue>,
    }),
  }
}

export type NotifySummary = Pick<NotifyResult, 'counts' | 'recipientsSha256' | 'outputs' | 'samples' | 'rejected' | 'interrupted'> & {
  seconds: number
  dryRun: boolean
  /** After a real run: what to keep (the manifest in the output folder), whom the email is from, what to record. */
  next?: {manifest: string; sender?: string; obligations: string[]}
}

/**
 * `runbook notify customers`: checks the request, runs the mail merge with a progress bar at a terminal, and records
 * what was produced (counts and hashes only). A run stopped by Ctrl-C says how to continue.
 */
export async function notifyCustomers(ctx: Context, flags: NotifyFlags): Promise<NotifySummary> {
  const request = fromFlags(flags)
  checkRegularFile(request.recipients, 'recipients file')
  if (!request.dryRun && !request.out) throw new UserError('--out is required (or use --dry-run to preview)')
  if (request.resume && request.out && !existsSync(request.out)) throw new UserError(`nothing to resume: ${request.out} does not exist`)
  if (request.resume && request.overwrite) throw new UserError('--resume and --overwrite contradict each other: choose one')
  const session = await resolveIncident(ctx, request.incident)
  const incident = await mergeIncident(ctx, session)
  if (!request.dryRun) await assertMergeApproved(ctx, session, incident, request)
  const bar = await progressBar(ctx.io, ' {phase} {bar} {percentage}% | {notices} notices | {rate}/s | ETA {eta_formatted}')
  const started = ctx.now().getTime()
  const size = statSync(request.recipients).size
  // The file is read twice: once for duplicates (the quicker pass), then for the notices.
  bar?.start(2 * size, 0, {phase: 'duplicates', notices: 0, rate: 0})
  let noticesSince: {at: number; notices: number} | undefined
  const result = await runMerge(incident, {
    recipients: request.recipients,
    templateId: request.template,
    forceTemplate: request.forceTemplate,
    allowFallback: request.allowFallback,
    out: request.out,
    format: request.format,
    short: request.short,
    dryRun: request.dryRun,
    resume: request.resume,
    overwrite: request.overwrite,
    showNames: request.showNames,
    mapping: parseMapping(request.map),
    onProgress: (phase, bytes, notices) => {
      // The rate is notices per second of the writing pass, not of the whole run.
      const at = ctx.now().getTime()
      if (phase === 'notices') noticesSince ??= {at, notices}
      const rate = noticesSince ? Math.round((notices - noticesSince.notices) / Math.max(0.001, (at - noticesSince.at) / 1000)) : 0
      bar?.update(phase === 'duplicates' ? bytes : size + bytes, {phase: phase === 'duplicates' ? 'duplicates' : 'notices   ', notices, rate})
    },
  })
  bar?.stop()
  const summary: NotifySummary = {
    counts: result.counts,
    recipientsSha256: result.recipientsSha256,
    outputs: result.outputs,
    samples: result.samples,
    rejected: result.rejected,
    interrupted: result.interrupted,
    seconds: (ctx.now().getTime() - started) / 1000,
    dryRun: request.dryRun,
  }
  if (result.interrupted) return summary
  if (!request.dryRun && request.letters === 'pdf' && request.out)
    summary.outputs = [...summary.outputs, ...(await printLetters(ctx, request.out, summary.outputs))]
  if (!request.dryRun && request.out) writeManifest(request.out, summary.outputs)
  if (!request.dryRun && request.out && !flags.json) {
    const {obligations} = await computeDeadlines(ctx, session.state, session.now())
    summary.next = {
      manifest: MANIFEST,
      sender: incident.config.organization.contact?.email,
      // The duties to tell people that apply where this run's readers live, not yet recorded as met.
      obligations: obligations
        .filter((o) => o.notify.includes('individuals') && o.applies === 'yes' && !o.met)
        .filter((o) => Object.keys(result.counts.jurisdictions).some((j) => withinJurisdiction(j, o.regulation.jurisdiction)))
        .map((o) => o.id),
    }
  }
  if (!request.dryRun) {
    const payload = {
      template: request.template ?? 'routed',
      format: request.format,
      recipientsSha256: result.recipientsSha256,
      counts: result.counts,
      // The letters' PDFs too: every file the run leaves is in the record.
      outputs: summary.outputs,
      resumed: request.resume,
      templates: renderedFrom(ctx.workspace.root, variantsUsed(ctx.workspace.root, result.counts, request.short, Boolean(request.template))),
    }
    await session.record(notifyCompletedEvent(payload, session.who()))
  }
  if (request.strict && result.counts.rejects > 0) {
    throw new OperationalError(`${result.counts.rejects} row(s) were rejected (--strict)`, {
      hint: 'Fix the rows listed in rejects.csv and run again.',
      result: summary,
    })
  }
  return summary
}

/** The template files a run used: for each jurisdiction, its template in each language its notices were written in. */
function variantsUsed(root: string, counts: NotifyResult['counts'], short: boolean, named: boolean): TemplateVariant[] {
  const used = new Map<string, TemplateVariant>()
  for (const j of Object.values(counts.jurisdictions)) {
    const entry = findTemplate(j.template, root)
    for (const locale of Object.keys(j.languages)) {
      const {variant} = chooseVariant(entry, locale, shortFormFor(entry, short, named))
      used.set(variant.file, variant)
    }
  }
  return [...used.values()]
}

/**
 * With notices.require_approval: before anything is written, the run is made once without writing (a dry run: the
 * same routing, languages and forms) to learn which template files its notices come from; each must carry an
 * approval of its current bytes, or the run stops here, saying who must approve what.
 */
async function assertMergeApproved(ctx: Context, session: IncidentSession, incident: MergeIncident, request: NotifyRequest): Promise<void> {
  if (!(await ctx.workspace.config()).notices?.require_approval) return
  const plan = await runMerge(incident, {
    recipients: request.recipients,
    templateId: request.template,
    forceTemplate: request.forceTemplate,
    allowFallback: request.allowFallback,
    format: request.format,
    short: request.short,
    dryRun: true,
    resume: false,
    mapping: parseMapping(request.map),
  })
  if (plan.interrupted) throw new OperationalError('stopped before any notice was written')
  await assertApproved(ctx, session.state, 'Sending these notices', variantsUsed(ctx.workspace.root, plan.counts, request.short, Boolean(request.template)))
}

/**
 * MANIFEST.sha256 in the output folder: every file the run wrote with its SHA-256 (as `sha256sum -c` reads it), the
 * list to keep with the incident's record. The same hashes are in the timeline.
 */
function writeManifest(out: string, outputs: readonly OutputFile[]): void {
  writeFileAtomic(join(out, MANIFEST), outputs.map((o) => `${o.sha256}  ${o.file}\n`).join(''))
}

export const MANIFEST = 'MANIFEST.sha256'

/** Prints each batch of letters to a PDF beside it (each letter numbered page N of M on its own), for the mail house. */
async function printLetters(ctx: Context, out: string, outputs: readonly OutputFile[]): Promise<OutputFile[]> {
  const batches = outputs.filter((o) => /^letters-\d{4}\.html$/.test(o.file))
  if (batches.length === 0) return []
  const config = await ctx.workspace.config()
  const org = config.organization
  const paper = paperFor(org.country ?? config.establishments?.find((e) => e.main)?.region.split('-')[0], org.paper)
  const browser = await launchChromium()
  try {
    const printed: OutputFile[] = []
    for (const batch of batches) {
      const {pdf} = await lettersToPdf(browser, readFileSync(join(out, batch.file), 'utf8'), {paper, lang: org.locales[0] ?? 'en'})
      const file = batch.file.replace(/\.html$/, '.pdf')
      writeFileAtomic(join(out, file), pdf)
      printed.push({file, sha256: sha256(pdf), bytes: pdf.length})
    }
    return printed
  } finally {
    await browser.close()
  }
}
