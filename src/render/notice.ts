import {EXERCISE_BANNER_HTML, exerciseHeaders, exerciseTitle, markMarkdown} from '../core/exercise.js'
import {existsSync, readFileSync} from 'node:fs'
import {dirname} from 'node:path'
import MarkdownIt from 'markdown-it'
import type nunjucks from 'nunjucks'
import {UserError} from '../core/errors.js'
import type {MissingValueError, NoticeContext, StandInMode} from '../core/notices/context.js'
import {missingReport, missingValuesError, type CollectingPass} from '../core/notices/missing.js'
import type {TemplateMeta} from '../core/notices/schema.js'
import type {TemplateEntry, TemplateVariant} from '../core/notices/schema.js'
import {createEnvironment} from './nunjucks.js'
import {templateFiles, whereRead} from './template-files.js'

export const OUTPUT_FORMATS = ['md', 'html', 'txt', 'eml', 'pdf'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface Renderer {
  /** Where templates are looked up: the workspace's templates/ first, then the built-ins. */
  searchPaths: string[]
  plain: nunjucks.Environment
  html: nunjucks.Environment
  markdown: InstanceType<typeof MarkdownIt>
}

export function createRenderer(searchPaths: string[]): Renderer {
  return {
    searchPaths,
    plain: createEnvironment(searchPaths, {autoescape: false}),
    html: createEnvironment(searchPaths, {autoescape: true}),
    // Raw HTML in Markdown is escaped (html: false): a fact can never inject markup into the page.
    // No raw HTML, no images (a fact could hide a tracking pixel), no links but those a template writes.
    markdown: new MarkdownIt({html: false, linkify: false, typographer: false}).disable(['image']),
  }
}

/**
 * Whether a template is rendered in its short form. --short asks for the short form where a notice has one: a
 * routed run gives readers whose notice has none the full form (the run counts them); a template named with
 * --template must have the form asked for.
 */
export function shortFormFor(entry: TemplateEntry, short: boolean, named: boolean): boolean {
  return short && (named || entry.variants.some((v) => v.short))
}

/** The variant for a locale and form: the exact one, else English, else the first; says when it fell back. */
export function chooseVariant(entry: TemplateEntry, locale: string, short: boolean): {variant: TemplateVariant; fellBack?: string} {
  const forms = entry.variants.filter((v) => v.short === Boolean(short))
  if (forms.length === 0) {
    throw new UserError(`template ${entry.id} has no ${short ? 'short' : 'full'} form`, {
      hint: short ? 'Render the full form (without --short).' : 'Render it with --short.',
    })
  }
  const exact = forms.find((v) => v.locale === locale) ?? forms.find((v) => v.locale.slice(0, 2) === locale.slice(0, 2))
  if (exact) return {variant: exact}
  const english = forms.find((v) => v.locale.startsWith('en')) ?? forms[0]!
  return {variant: english, fellBack: `template ${entry.id} has no ${locale} version; rendered in ${english.locale}`}
}

export interface RenderedNotice {
  /** The document in Markdown or plain text, what lint reads. */
  text: string
  output: string | Buffer
  subject: string
  format: OutputFormat
  locale: string
  variant: TemplateVariant
}

/** Turns nunjucks' errors into messages that name the file, line and column, or the missing fact. */
function explain(error: unknown, missing: readonly MissingValueError[], variant: TemplateVariant): never {
  const first = missing[0]
  if (first) {
    throw new UserError(`cannot render ${variant.name}: ${first.message}`, {hint: `Set it, then render again (nothing was written): ${first.fix}`})
  }
  const message = (error as Error).message ?? String(error)
  const hint = 'Fix the template at that line and render again; nothing was written.'
  const located = /\(([^)]+)\)\s*\[Line (\d+), Column (\d+)\]\s*\n?\s*([\s\S]*)/.exec(message)
  if (located) throw new UserError(`${located[1]}:${located[2]}:${located[3]} ${located[4]!.trim().split('\n')[0]}`, {hint})
  const unlocated = /^\(([^)]+)\)\s*\n?\s*([\s\S]*)/.exec(message)
  if (unlocated) {
    // The parser reached the end of the file still inside a block: the last line is where it gave up.
    const file = unlocated[1]!
    const line = /end of file/.test(unlocated[2]!) && existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').length : 1
    throw new UserError(`${file}:${line}:1 ${unlocated[2]!.trim().split('\n')[0]}`, {hint})
  }
  throw new UserError(`cannot render ${variant.name}: ${message.split('\n')[0]}`)
}

/** A render that goes on past missing values: the context it reads, and what it found missing. */
export type Recontext = (mode: StandInMode) => {context: NoticeContext; missing: MissingValueError[]}

/**
 * After a render stopped on a missing value: renders again twice with stand-ins (every missing value true, then
 * false), so both sides of a condition on a missing fact are seen, and reports every missing value at once, with
 * where the template reads a fact runbook does not know.
 */
export function missingValues(
  renderer: Renderer,
  variant: TemplateVariant,
  first: readonly MissingValueError[],
  recontext: Recontext,
  render: (context: NoticeContext) => unknown,
  hint?: string,
): UserError {
  const pass = (mode: StandInMode): CollectingPass => {
    const {context, missing} = recontext(mode)
    try {
      render(context)
      return {missing, completed: true}
    } catch {
      return {missing, completed: false}
    }
  }
  const report = missingReport(first, pass('truthy'), pass('falsy'))
  const unknown = [...report.needed, ...report.depending].filter((e) => e.unknown)
  if (unknown.length) {
    const files = templateFiles(variant.name, renderer.searchPaths)
    // A workspace file is named from the workspace (templates/customer/us.en.md.njk), as people there know it.
    const workspace = renderer.searchPaths.length > 1 ? `${dirname(renderer.searchPaths[0]!)}/` : undefined
    for (const entry of unknown) {
      const where = whereRead(entry.path, files)
      entry.where = workspace && where?.startsWith(workspace) ? where.slice(workspace.length) : where
    }
  }
  return missingValuesError(variant.name, report, hint)
}

/** Markdown to readable plain text: headings stand alone, emphasis and link syntax go, URLs stay visible. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/^\s*[-*]\s+/gm, '- ')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
}

/**
 * Renders one document. Every value the template reads must exist: a missing fact stops the render with the
 * fact's name and the command that sets it. Drill output is marked EXERCISE in every format, here rather than in
 * the templates, so no template can forget it.
 */
export async function renderNotice(
  renderer: Renderer,
  input: {
    entry: TemplateEntry
    variant: TemplateVariant
    meta: TemplateMeta
    context: NoticeContext
    missing: MissingValueError[]
    format: OutputFormat
    org: {name: string; email?: string}
    /** Builds the context again with stand-ins for missing values, to list them all when the render stops on one. */
    recontext?: Recontext
    /** Prints a page to PDF (format pdf): the local Chromium, on the document's paper. */
    print?: (html: string, lang: string) => Promise<Buffer>
  },
): Promise<RenderedNotice> {
  const {variant, format} = input
  let parts: Parts
  try {
    parts = compose(renderer, input, input.context, format !== 'md' && format !== 'txt')
  } catch (error) {
    if (input.missing.length && input.recontext)
      throw missingValues(renderer, variant, input.missing, input.recontext, (context) =>
        compose(renderer, input, context, format !== 'md' && format !== 'txt'),
      )
    explain(error, input.missing, variant)
  }
  const {text, subject, page} = parts
  let output: string | Buffer
  switch (format) {
    case 'md':
      output = text
      break
    case 'txt':
      output = variant.source === 'md' ? markdownToText(text) : text
      break
    case 'html':
      output = page!
      break
    case 'pdf':
      if (!input.print) throw new UserError('printing to PDF is not available here')
      output = await input.print(page!, variant.locale)
      break
    case 'eml': {
      const {default: MailComposer} = await import('nodemailer/lib/mail-composer')
      const from = input.org.email ? {name: input.org.name, address: input.org.email} : undefined
      const mail = new MailComposer({
        from,
        to: 'undisclosed-recipients:;',
        subject,
        // RFC 5322 lines end in CRLF, in the parts too (the composer keeps the line ends it is given).
        text: crlf(variant.source === 'md' ? markdownToText(text) : text),
        html: crlf(page!),
        headers: exerciseHeaders(input.context.exercise),
        textEncoding: 'quoted-printable',
      })
      output = await mail.compile().build()
      break
    }
  }
  return {text, output, subject, format, locale: variant.locale, variant}
}

interface Parts {
  text: string
  subject: string
  /** The print-ready HTML page, when the format needs one. */
  page?: string
}

/** The document's text, subject and (when asked) page, from one context. Throws what the template engine throws. */
function compose(renderer: Renderer, input: {variant: TemplateVariant; meta: TemplateMeta}, context: NoticeContext, withPage: boolean): Parts {
  const {variant, meta} = input
  const exercise = context.exercise
  const env = variant.source === 'html' ? renderer.html : renderer.plain
  // The front matter was blanked to empty lines (to keep line numbers); they are not part of the document.
  let body = env.render(variant.name, context).replace(/^\n+/, '')
  const subjectSource = meta.subject ?? meta.title
  let subject = renderer.plain.renderString(subjectSource, context).replace(/\s+/g, ' ').trim()
  subject = exerciseTitle(subject, exercise)
  let text: string
  let html: string
  if (variant.source === 'html') {
    html = body
    text = body.replace(/<[^>]+>/g, ' ').replace(/[ \t]+/g, ' ')
    if (exercise) html = `${EXERCISE_BANNER_HTML}${html}${EXERCISE_BANNER_HTML}`
    text = markMarkdown(text, exercise)
  } else {
    body = markMarkdown(body, exercise)
    text = body
    html = variant.source === 'md' ? renderer.markdown.render(body) : `<pre>${renderer.markdown.utils.escapeHtml(body)}</pre>`
  }
  const page = withPage ? renderer.html.render('layouts/page.html.njk', {...context, title: subject, body: html, lang: variant.locale}) : undefined
  return {text, subject, page}
}

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n')
