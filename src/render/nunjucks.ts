import {escapeMarkdown} from '../core/notices/context.js'
import {TZDate} from '@date-fns/tz'
import {format} from 'date-fns/format'
import {de} from 'date-fns/locale/de'
import {deAT} from 'date-fns/locale/de-AT'
import {enUS} from 'date-fns/locale/en-US'
import {es} from 'date-fns/locale/es'
import {fr} from 'date-fns/locale/fr'
import {it} from 'date-fns/locale/it'
import {ja} from 'date-fns/locale/ja'
import {nl} from 'date-fns/locale/nl'
import nunjucks from 'nunjucks'
import {categoryLabel} from '../core/notices/labels.js'
import {dialableFrom} from '../core/notices/evidence.js'
import {splitFrontMatter} from '../core/notices/template-model.js'
import {isStandIn} from '../core/notices/context.js'

const DATE_LOCALES = {en: enUS, ja, de, fr, es, it, nl} as const

// Each language's own way of writing a date: 28. März 2026, 28 mars 2026, 28 de marzo de 2026, 28 maart 2026.
const PATTERNS: Record<string, Record<string, string>> = {
  en: {long: 'MMMM d, yyyy', datetime: "MMMM d, yyyy 'at' h:mm a (zzzz)", time: 'h:mm a'},
  ja: {long: 'yyyy年M月d日', datetime: 'yyyy年M月d日 H時mm分（zzzz）', time: 'H時mm分'},
  de: {long: 'd. MMMM yyyy', datetime: "d. MMMM yyyy 'um' HH:mm 'Uhr' ('UTC'xxx)", time: "HH:mm 'Uhr'"},
  fr: {long: 'd MMMM yyyy', datetime: "d MMMM yyyy 'à' H 'h' mm ('UTC'xxx)", time: "H 'h' mm"},
  es: {long: "d 'de' MMMM 'de' yyyy", datetime: "d 'de' MMMM 'de' yyyy, 'a las' H:mm ('UTC'xxx)", time: 'H:mm'},
  it: {long: 'd MMMM yyyy', datetime: "d MMMM yyyy 'alle ore' H:mm ('UTC'xxx)", time: 'H:mm'},
  nl: {long: 'd MMMM yyyy', datetime: "d MMMM yyyy 'om' H:mm 'uur' ('UTC'xxx)", time: "H:mm 'uur'"},
}

interface FilterThis {
  ctx: {locale?: string; zone?: string; reader?: {country: string}}
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
  // date(pattern, zone): a named pattern in the notice's language (long, datetime, time) or a date-fns pattern; in
  // the context's zone unless one is given (a cover letter dated in its regulator's zone).
  env.addFilter('date', function (this: FilterThis, value: string | Date, pattern = 'long', zoneGiven?: string) {
    // Collecting missing facts: a stand-in (or the empty one) passes through, so the render goes on.
    if (isStandIn(value) || value === '') return value
    const lang = language(this)
    const zone = zoneGiven ?? this.ctx.zone ?? 'UTC'
    // A calendar date (a date fact: 2026-06-30) is that day wherever the reader is; an instant is shown in the zone.
    const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
    const date = day ? new TZDate(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12, 0, 0, zone) : new TZDate(new Date(value).getTime(), zone)
    let chosen = PATTERNS[lang]?.[pattern] ?? PATTERNS.en![pattern] ?? pattern
    // French and Italian write the first of the month as an ordinal: 1er mars 2026, 1º marzo 2026.
    if ((lang === 'fr' || lang === 'it') && chosen.startsWith('d ') && date.getDate() === 1) chosen = `d'${lang === 'fr' ? 'er' : 'º'}'${chosen.slice(1)}`
    // Austrian German names January "Jänner", as Austria's own laws and authorities write it (date-fns de-AT).
    const locale = lang === 'de' && this.ctx.reader?.country === 'AT' ? deAT : (DATE_LOCALES[lang as keyof typeof DATE_LOCALES] ?? enUS)
    return format(date, chosen, {locale})
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
  // Whether readers in a country can call this number: a North American toll-free number cannot be dialled from abroad.
  // Text people typed (a note, a reason, a decision) as one Markdown table cell or line: no links, no markup, no breaks.
  env.addFilter('cell', (text: unknown) => escapeMarkdown(String(text ?? '').replace(/\s*\n\s*/g, ' ')))
  env.addFilter('dialableFrom', (phone: string, country: string) => dialableFrom(phone, country))
  env.addFilter('includesAny', (items: string[] | undefined, wanted: string[]) => Array.isArray(items) && wanted.some((w) => items.includes(w)))
  return env
}
