import {TZDate} from '@date-fns/tz'
import {format} from 'date-fns/format'
import {enUS} from 'date-fns/locale/en-US'
import {ja} from 'date-fns/locale/ja'
import nunjucks from 'nunjucks'
import {categoryLabel} from '../core/notices/labels.js'
import {splitFrontMatter} from '../core/notices/schema.js'
import {isStandIn} from '../core/notices/context.js'

const DATE_LOCALES = {en: enUS, ja} as const

const PATTERNS: Record<string, Record<string, string>> = {
  en: {long: 'MMMM d, yyyy', datetime: "MMMM d, yyyy 'at' h:mm a (zzzz)", time: 'h:mm a'},
  ja: {long: 'yyyy年M月d日', datetime: 'yyyy年M月d日 H時mm分（zzzz）', time: 'H時mm分'},
}

interface FilterThis {
  ctx: {locale?: string; zone?: string}
}

const language = (self: FilterThis) => (self.ctx.locale ?? 'en').slice(0, 2)

/** Reads templates from disk and hides their YAML front matter from the engine (line numbers stay the same). */
class FrontMatterLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name)
    return source ? {...source, src: splitFrontMatter(source.src).body} : source
  }
}

/**
 * One nunjucks environment per escaping mode: throwOnUndefined so nothing prints "undefined"; autoescape for
 * HTML sources. Templates are looked up in the workspace first, then the built-ins, so {% extends %} and
 * {% include %} work across both.
 */
export function createEnvironment(searchPaths: string[], options: {autoescape: boolean}): nunjucks.Environment {
  const loader = new FrontMatterLoader(searchPaths, {noCache: false})
  const env = new nunjucks.Environment(loader, {autoescape: options.autoescape, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true})
  env.addFilter('date', function (this: FilterThis, value: string | Date, pattern = 'long') {
    // Collecting missing facts: a stand-in (or the empty one) passes through, so the render goes on.
    if (isStandIn(value) || value === '') return value
    const lang = language(this)
    const zone = this.ctx.zone ?? 'UTC'
    // A calendar date (a date fact: 2026-06-30) is that day wherever the reader is; an instant is shown in the zone.
    const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
    const date = day ? new TZDate(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12, 0, 0, zone) : new TZDate(new Date(value).getTime(), zone)
    const chosen = PATTERNS[lang]?.[pattern] ?? PATTERNS.en![pattern] ?? pattern
    return format(date, chosen, {locale: DATE_LOCALES[lang as keyof typeof DATE_LOCALES] ?? enUS})
  })
  env.addFilter('number', function (this: FilterThis, value: number) {
    if (isStandIn(value) || (value as unknown) === '') return value
    return new Intl.NumberFormat(this.ctx.locale ?? 'en').format(value)
  })
  env.addFilter('list', function (this: FilterThis, items: string[]) {
    if (!Array.isArray(items) && (isStandIn(items) || (items as unknown) === '')) return items
    if (language(this) === 'ja') return items.join('、')
    return new Intl.ListFormat(this.ctx.locale ?? 'en', {style: 'long', type: 'conjunction'}).format(items)
  })
  env.addFilter('categories', function (this: FilterThis, items: string[]) {
    if (!Array.isArray(items) && (isStandIn(items) || (items as unknown) === '')) return items
    const labels = items.map((c) => categoryLabel(c, this.ctx.locale ?? 'en'))
    if (language(this) === 'ja') return labels.join('、')
    return new Intl.ListFormat(this.ctx.locale ?? 'en', {style: 'long', type: 'conjunction'}).format(labels)
  })
  env.addFilter('includesAny', (items: string[] | undefined, wanted: string[]) => Array.isArray(items) && wanted.some((w) => items.includes(w)))
  return env
}
