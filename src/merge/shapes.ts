import {UserError} from '../core/errors.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {readerOf, type MissingValueError, type NoticeContext, type Reader, type StandInMode} from '../core/notices/context.js'
import type {TemplateMeta} from '../core/notices/schema.js'
import type {Recipient} from './recipients.js'
import type {TemplateEntry} from '../store/templates.js'
import {exerciseTitle, markMarkdown} from '../core/exercise.js'
import {chooseVariant, markdownToText, missingValues, type Renderer} from '../render/notice.js'

// Stand-ins for the values that differ between recipients of the same shape: filled in per notice.
// Mixed case, so that upper, lower, capitalize or title on them changes them and is caught.
export const NAME_TOKEN = '\u2063RbName\u2063'
export const ID_TOKEN = '\u2063RbId\u2063'

export interface Shape {
  locale: string
  fellBack: boolean
  subject: string
  text: string
  /** The notice's HTML body (no page around it). */
  html: string
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Renders each distinct shape of notice once (language, form, jurisdiction, the recipient's data categories, whether
 * a name is known) with the compiled template, then fills in each recipient's name and id. The output is what
 * rendering every notice separately would give, for templates that print recipient.name and recipient.id as they
 * are; it keeps a million notices fast and memory flat (shapes are few and held in a bounded cache).
 */
export class ShapeRenderer {
  private readonly cache = new Map<string, Shape>()

  constructor(
    private readonly renderer: Renderer,
    private readonly entry: TemplateEntry,
    private readonly metaFor: (file: string) => TemplateMeta,
    private readonly baseContext: (
      locale: string,
      facts: Record<string, FactValue> | undefined,
      reader: Reader,
      onMissing: (e: MissingValueError) => void,
      onFallback: () => void,
      markdown: boolean,
      standIn?: StandInMode,
    ) => NoticeContext,
    private readonly short: boolean,
    private readonly maxShapes = 20_000,
  ) {}

  get shapes(): number {
    return this.cache.size
  }

  shapeFor(recipient: Recipient): Shape {
    const key = `${recipient.language}|${recipient.jurisdiction}|${recipient.categories?.join(',') ?? '*'}|${recipient.name ? 1 : 0}`
    let shape = this.cache.get(key)
    if (!shape) {
      shape = this.render(recipient)
      if (this.cache.size >= this.maxShapes) this.cache.delete(this.cache.keys().next().value!)
      this.cache.set(key, shape)
    }
    return shape
  }

  private render(recipient: Recipient): Shape {
    const {variant, fellBack} = chooseVariant(this.entry, recipient.language, this.short)
    const missing: MissingValueError[] = []
    let factsFellBack = false
    const [country, state] = recipient.jurisdiction.split('-')
    const contextFor = (found: MissingValueError[], standIn?: StandInMode): NoticeContext => {
      const context = this.baseContext(
        variant.locale,
        recipient.categories ? {data_categories: recipient.categories} : undefined,
        readerOf(recipient.jurisdiction),
        (e) => found.push(e),
        () => (factsFellBack = true),
        variant.source === 'md',
        standIn,
      )
      context.recipient = {
        name: recipient.name ? NAME_TOKEN : '',
        id: ID_TOKEN,
        jurisdiction: recipient.jurisdiction,
        country: country ?? '',
        state: state ? recipient.jurisdiction : '',
        language: recipient.language,
      }
      return context
    }
    const context = contextFor(missing)
    const meta = this.metaFor(variant.file)
    const render = (ctx: NoticeContext) => ({
      markdown: this.renderer.plain.render(variant.name, ctx).replace(/^\n+/, ''),
      subject: this.renderer.plain
        .renderString(meta.subject ?? meta.title, ctx)
        .replace(/\s+/g, ' ')
        .trim(),
    })
    let markdown: string
    let subject: string
    try {
      ;({markdown, subject} = render(context))
    } catch (error) {
      if (missing.length) {
        const recontext = (mode: StandInMode) => {
          const found: MissingValueError[] = []
          return {context: contextFor(found, mode), missing: found}
        }
        throw missingValues(this.renderer, variant, missing, recontext, render, 'Set them, then run again.')
      }
      throw new UserError(`cannot render ${variant.name}: ${(error as Error).message.split('\n').slice(-1)[0]?.trim()}`)
    }
    markdown = markMarkdown(markdown, context.exercise)
    subject = exerciseTitle(subject, context.exercise)
    // The stand-ins must come out as they went in; a filter on recipient.name or .id would change them, and every
    // notice of the shape would then carry the mangled stand-in instead of the recipient's value.
    if (`${subject}${markdown}`.replaceAll(NAME_TOKEN, '').replaceAll(ID_TOKEN, '').includes('\u2063')) {
      throw new UserError(
        `${variant.name} changes recipient.name or recipient.id (with a filter or string operation); the mail merge needs them printed as they are`,
        {
          hint: 'Print {{ recipient.name }} and {{ recipient.id }} without filters; put any wording around them in the template.',
        },
      )
    }
    return {
      locale: variant.locale,
      fellBack: Boolean(fellBack) || factsFellBack,
      subject,
      text: markdownToText(markdown),
      html: this.renderer.markdown.render(markdown),
    }
  }
}

/** Fills a shape in for one recipient: raw in text, escaped in HTML. */
export function personalise(shape: Shape, recipient: Recipient): Shape {
  const fill = (text: string, escape: boolean) => {
    if (!text.includes('\u2063')) return text
    const name = escape ? escapeHtml(recipient.name) : recipient.name
    const id = escape ? escapeHtml(recipient.id) : recipient.id
    return text.replaceAll(NAME_TOKEN, name).replaceAll(ID_TOKEN, id)
  }
  return {...shape, subject: fill(shape.subject, false), text: fill(shape.text, false), html: fill(shape.html, true)}
}
