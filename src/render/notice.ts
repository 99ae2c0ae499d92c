import {EXERCISE_BANNER_HTML, exerciseHeaders, exerciseTitle, markMarkdown} from '../core/exercise.js'
import {existsSync, readFileSync} from 'node:fs'
import MarkdownIt from 'markdown-it'
import type nunjucks from 'nunjucks'
import {UserError} from '../core/errors.js'
import {MissingValueError, type NoticeContext} from '../core/notices/context.js'
import type {TemplateMeta} from '../core/notices/schema.js'
import type {TemplateEntry, TemplateVariant} from '../core/notices/schema.js'
import {createEnvironment} from './nunjucks.js'

export const OUTPUT_FORMATS = ['md', 'html', 'txt', 'eml'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface Renderer {
  plain: nunjucks.Environment
  html: nunjucks.Environment
  markdown: InstanceType<typeof MarkdownIt>
}

export function createRenderer(searchPaths: string[]): Renderer {
  return {
    plain: createEnvironment(searchPaths, {autoescape: false}),
    html: createEnvironment(searchPaths, {autoescape: true}),
    // Raw HTML in Markdown is escaped (html: false): a fact can never inject markup into the page.
    // No raw HTML, no images (a fact could hide a tracking pixel), no links but those a template writes.
    markdown: new MarkdownIt({html: false, linkify: false, typographer: false}).disable(['image']),
  }
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
function explain(error: unknown, missing: MissingValueError[], variant: TemplateVariant): never {
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

function renderWith(env: nunjucks.Environment, name: string, context: object, missing: MissingValueError[], variant: TemplateVariant): string {
  try {
    return env.render(name, context)
  } catch (error) {
    explain(error, missing, variant)
  }
}

function renderString(env: nunjucks.Environment, source: string, context: object, missing: MissingValueError[], variant: TemplateVariant): string {
  try {
    return env.renderString(source, context)
  } catch (error) {
    explain(error, missing, variant)
  }
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
  },
): Promise<RenderedNotice> {
  const {variant, meta, context, missing, format} = input
  const exercise = context.exercise
  const env = variant.source === 'html' ? renderer.html : renderer.plain
  // The front matter was blanked to empty lines (to keep line numbers); they are not part of the document.
  let body = renderWith(env, variant.name, context, missing, variant).replace(/^\n+/, '')
  const subjectSource = meta.subject ?? meta.title
  let subject = renderString(renderer.plain, subjectSource, context, missing, variant).replace(/\s+/g, ' ').trim()
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
  const page = () => renderWith(renderer.html, 'layouts/page.html.njk', {...context, title: subject, body: html, lang: variant.locale}, missing, variant)
  let output: string | Buffer
  switch (format) {
    case 'md':
      output = text
      break
    case 'txt':
      output = variant.source === 'md' ? markdownToText(text) : text
      break
    case 'html':
      output = page()
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
        html: crlf(page()),
        headers: exerciseHeaders(exercise),
        textEncoding: 'quoted-printable',
      })
      output = await mail.compile().build()
      break
    }
  }
  return {text, output, subject, format, locale: variant.locale, variant}
}

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n')
