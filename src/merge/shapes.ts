import {UserError} from '../core/errors.js'
import {hash32} from './dedupe.js'
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
 * What the rendered shapes kept for reuse may hold, estimated by shapeBytes: about a thousand US notices. Too small
 * is worse than too large: 100,000 readers spread at random over 1,000 category lists took 45.6 s and peaked at
 * 272 MB with 16 MB (every shape rendered again and again, its garbage with it), 4.5 s and 202 MB with 64 MB.
 */
export const SHAPE_CACHE_BYTES = 64 << 20

/**
 * A shape's cost while it is kept: its three texts (up to two bytes a character) and about as much again for the
 * copies the notice writer compiles from them (measured: about 56 KB for a US notice in its full form).
 */
export const shapeBytes = (shape: Shape): number => 4 * (shape.subject.length + shape.text.length + shape.html.length)

/** Keys remembered as met once; past this many the memory starts again (a key forgotten costs one render more). */
const MET_ONCE_LIMIT = 1 << 16

/**
 * The rendered shapes kept for reuse, within a budget of bytes rather than a number of shapes: readers who carry
 * many different lists of data categories make as many shapes, and 30,000 of them held 1.2 GB when up to 20,000
 * shapes were kept. A shape is kept from the second time its key comes (until then only a hash of the key is), so
 * a file where most readers' notices are their own spends neither memory nor evictions on them; when the budget is
 * spent, the oldest shape not used since it was last passed over goes (a second chance), so the shapes that many
 * readers share stay. One cache serves every template of a run.
 */
export class ShapeCache {
  private readonly entries = new Map<string, {shape: Shape; bytes: number; used: boolean}>()
  private readonly metOnce = new Set<number>()
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

  /** Keeps the shape if its key came before (a hash collision only keeps a shape early). */
  offer(key: string, shape: Shape): void {
    const hash = hash32(key, 0x5eed)
    if (this.metOnce.delete(hash)) return this.set(key, shape)
    if (this.metOnce.size >= MET_ONCE_LIMIT) this.metOnce.clear()
    this.metOnce.add(hash)
  }

  /** Keeps the shape (in place of any kept under the same key). */
  set(key: string, shape: Shape): void {
    const bytes = shapeBytes(shape)
    this.held -= this.entries.get(key)?.bytes ?? 0
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
      this.cache.offer(key, shape)
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
        recipient.categories ? {data_categories: [...recipient.categories]} : undefined,
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
