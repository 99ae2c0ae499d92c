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

/** What the rendered shapes kept for reuse may hold, estimated by shapeBytes. */
export const SHAPE_CACHE_BYTES = 16 << 20

/**
 * A shape's cost while it is kept: its three texts (up to two bytes a character) and about as much again for the
 * copies the notice writer compiles from them (measured: about 56 KB for a US notice in its full form).
 */
export const shapeBytes = (shape: Shape): number => 4 * (shape.subject.length + shape.text.length + shape.html.length)

/**
 * The rendered shapes kept for reuse, within a budget of bytes rather than a number of shapes: readers who carry
 * many different lists of data categories make as many shapes, and 30,000 of them held 1.2 GB when up to 20,000
 * shapes were kept. When the budget is spent, the oldest shape not used since it was last passed over goes (a
 * second chance), so the shapes that many readers share stay. One cache serves every template of a run.
 */
export class ShapeCache {
  private readonly entries = new Map<string, {shape: Shape; bytes: number; used: boolean}>()
  private held = 0

  constructor(private readonly budget = SHAPE_CACHE_BYTES) {}

  /** Shapes kept now. */
  get size(): number {
    return this.entries.size
  }

  /** Their estimated bytes (over the budget only when one shape alone is). */
  get bytes(): number {
    return this.held
  }

  get(key: string): Shape | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    entry.used = true
    return entry.shape
  }

  set(key: string, shape: Shape): void {
    const bytes = shapeBytes(shape)
    this.entries.set(key, {shape, bytes, used: false})
    this.held += bytes
    while (this.held > this.budget && this.entries.size > 1) this.evictOne()
  }

  private evictOne(): void {
    for (const [key, entry] of this.entries) {
      this.entries.delete(key)
      if (entry.used) {
        // Used since it was last passed over: it goes to the back of the line instead.
        entry.used = false
        this.entries.set(key, entry)
        continue
      }
      this.held -= entry.bytes
      return
    }
  }
}

/**
 * Renders each distinct shape of notice once (language, form, jurisdiction, the recipient's data categories, whether
 * a name is known) with the compiled template, then fills in each recipient's name and id. The output is what
 * rendering every notice separately would give, for templates that print recipient.name and recipient.id as they
 * are; it keeps a million notices fast and memory flat (shapes are few, and held in a cache bounded by bytes).
 */
export class ShapeRenderer {
  private rendered = 0

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
    private readonly cache: ShapeCache,
  ) {}

  /** Distinct shapes rendered so far (a shape dropped from the cache and needed again counts again). */
  get shapes(): number {
    return this.rendered
  }

  shapeFor(recipient: Recipient): Shape {
    const key = `${this.entry.id}|${recipient.language}|${recipient.jurisdiction}|${recipient.categories?.join(',') ?? '*'}|${recipient.name ? 1 : 0}`
    let shape = this.cache.get(key)
    if (!shape) {
      shape = this.render(recipient)
      this.rendered++
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
