// Finding real values in a notice's text: dates, phone numbers, addresses. A lint that accepts "call us on call the
// hotline" or a fictional 555-01xx number as a contact would pass a notice a lawyer would stop.

const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec'
// German, French, Spanish, Italian and Dutch month names, for notices in those languages.
const MONTHS_OTHER =
  'januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|juni|augustus|oktober'

const DATE_PATTERNS: RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}\b/,
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/,
  /\d{4}年\s*\d{1,2}月\s*\d{1,2}日/,
  new RegExp(`\\b(${MONTHS_EN})\\.?\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'i'),
  new RegExp(`\\b\\d{1,2}(st|nd|rd|th)?\\.?\\s+(${MONTHS_EN}|${MONTHS_OTHER})\\.?,?\\s+\\d{4}\\b`, 'i'),
  new RegExp(`\\b(${MONTHS_EN}|${MONTHS_OTHER})\\s+\\d{4}\\b`, 'i'),
]

export function hasDate(text: string): boolean {
  return DATE_PATTERNS.some((p) => p.test(text))
}

/** A run of characters that could be a phone number: digits with spaces, dots, dashes, parentheses, a leading +. */
const PHONE_CANDIDATE = /(?:\+|\(|\b)\d[\d\s().-]{5,}\d\b/g

/**
 * Fictional or filler numbers: NANP reserves 555-0100 to 555-0199 for fiction in every area code; 000-000-0000,
 * 123-456-7890 and repeated digits are filler.
 */
export function isFictionalPhone(digits: string): boolean {
  const d = digits.replace(/\D/g, '')
  const local = d.length === 11 && d.startsWith('1') ? d.slice(1) : d
  if (/^\d{3}55501\d\d$/.test(local) || /^55501\d\d$/.test(local)) return true
  if (/^0+$/.test(local) || /^(\d)\1+$/.test(local)) return true
  return local === '1234567890' || local === '0123456789'
}

/** Real phone numbers in the text (7 to 15 digits, not a date, not fictional). */
export function phoneNumbers(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const raw = match[0].trim()
    const digits = raw.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 15) continue
    // 2026-03-05, 03/05/2026 and 2026.03.05 are dates, not numbers to call.
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(raw) || /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(raw)) continue
    if (isFictionalPhone(digits)) continue
    found.push(raw)
  }
  return found
}

const TOLL_FREE = /^(800|888|877|866|855|844|833)\d{7}$/

export function hasTollFreePhone(text: string): boolean {
  return phoneNumbers(text).some((raw) => {
    const d = raw.replace(/\D/g, '')
    return TOLL_FREE.test(d.length === 11 && d.startsWith('1') ? d.slice(1) : d)
  })
}

/** Where North American toll-free numbers can be called: the US, its territories and Canada. */
const NANP_TOLL_FREE_REACH = new Set(['US', 'CA', 'PR', 'VI', 'GU', 'AS', 'MP'])

/**
 * Whether a reader in a country can call a number: a North American toll-free number (+1 800, 888 ...) cannot be
 * dialled from Europe or Japan, so a notice to readers there must not offer it as the way to reach you.
 */
export function dialableFrom(phone: string, country: string): boolean {
  return !hasTollFreePhone(phone) || NANP_TOLL_FREE_REACH.has(country.split('-')[0]!.toUpperCase())
}

/** Domains no one can write to or visit: RFC 2606 / 6761 names and local hosts. */
export const PLACEHOLDER_DOMAIN = /(^|\.)(example\.(com|org|net)|[\w-]+\.(example|test|invalid|localhost)|localhost|test\.com)$/i

const EMAIL = /\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b/g
const URL = /\bhttps?:\/\/([\w.-]+)[^\s)>\]]*/gi
const BARE_DOMAIN = /\b(?:www\.)?((?:[a-z0-9-]+\.)+(?:gov|com|org|net|edu|jp|uk|de|fr|eu|go\.jp|or\.jp|ca|au|sg|kr|br|ie|nl|es|it))(?:\/[^\s)>\]]*)?/gi

export function emails(text: string): {real: string[]; placeholder: string[]} {
  const real: string[] = []
  const placeholder: string[] = []
  for (const match of text.matchAll(EMAIL)) (PLACEHOLDER_DOMAIN.test(match[1]!) ? placeholder : real).push(match[0])
  return {real, placeholder}
}

export function urls(text: string): {real: string[]; placeholder: string[]} {
  const real: string[] = []
  const placeholder: string[] = []
  const withoutEmails = text.replace(EMAIL, ' ')
  for (const match of withoutEmails.matchAll(URL)) (PLACEHOLDER_DOMAIN.test(match[1]!) ? placeholder : real).push(match[0])
  for (const match of withoutEmails.replace(URL, ' ').matchAll(BARE_DOMAIN)) (PLACEHOLDER_DOMAIN.test(match[1]!) ? placeholder : real).push(match[0])
  return {real, placeholder}
}

const ADDRESS_PATTERNS: RegExp[] = [
  // 100 Harbor Street / 1600 Pennsylvania Ave NW
  /\b\d{1,6}\s+(?:[A-Z][\w'.-]*\s+){1,4}(street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|square|sq|parkway|pkwy|highway|hwy|plaza|suite|floor)\b\.?/i,
  // Boston, MA 02110
  /\b[A-Z]{2}\s+\d{5}(-\d{4})?\b/,
  // UK postcode: SW1A 2AA
  /\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b/,
  // 10117 Berlin, 75007 Paris
  /\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüßéèàç-]+/,
  // Hauptstraße 5, Rue de Rivoli 12
  /\b[A-ZÄÖÜ][a-zäöüß-]+(straße|strasse|weg|platz|allee|gasse)\s+\d+/i,
  /〒\s?\d{3}-\d{4}/,
  /\bP\.?\s?O\.?\s+Box\s+\d+/i,
]

export function hasAddress(text: string): boolean {
  return ADDRESS_PATTERNS.some((p) => p.test(text))
}

const globally = (p: RegExp) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`)

/**
 * Figures that are not counts: dates and times (2026-03-05, 5 March 2026, 6月25日, 10:00, 9時), phone numbers, postcodes
 * (MA 02110, 〒101-0021), the numbering of a heading or a list item ("## 3. 本人の数", "(3)", "1."), and law
 * citations (Art. 33, s. 3(b), 164.404).
 */
const NOT_COUNTS: RegExp[] = [
  ...DATE_PATTERNS.map(globally),
  /\d{1,2}月\s*\d{1,2}日|\d{4}年|\d{1,2}月|\d{1,2}日|\d{1,2}時(\d{1,2}分)?|\b\d{1,2}:\d{2}\b/g,
  /^\s*(#{1,6}\s*)?(\d{1,2}[.)．]|[(（]\d{1,2}[)）])/gm,
  /\b[A-Z]{2}\s+\d{5}(-\d{4})?\b|〒\s?\d{3}-\d{4}/g,
  /(?:\b(?:art(?:icle)?s?|ss?|sec(?:tion)?|item|rule|cfr|u\.s\.c)\.?|§)\s*\d[\d.()a-z-]*/gi,
  /第\s*\d+\s*(条|項|号)/g,
]

/**
 * A number that counts something (people, records, notices): digits left once dates, times, phone numbers,
 * postcodes, list numbering and law citations are taken out. "本人の数：調査中" or "a number of customers" has none.
 */
export function hasNumber(text: string): boolean {
  let rest = text
  for (const raw of text.matchAll(PHONE_CANDIDATE)) if (raw[0].replace(/\D/g, '').length >= 7) rest = rest.replace(raw[0], ' ')
  for (const pattern of NOT_COUNTS) rest = rest.replace(pattern, ' ')
  return /\d/.test(rest)
}

/** An email address, a web address or a postal address (HIPAA's "e-mail address, Web site, or postal address"). */
export function hasEmailWebOrPost(text: string): boolean {
  return emails(text).real.length > 0 || urls(text).real.length > 0 || hasAddress(text)
}

const DATE_LABEL = /^(date( of (this|the) (notice|letter|report))?|dated|notice date|日付|報告日|작성일|날짜)\s*[:：]?\s*/i

/**
 * The document's own date: a line that holds only a date (as a letter is dated), perhaps after "Date:" or a place
 * ("Boston, March 5, 2026"), or a sentence that says the notice is dated. A date somewhere in the text is not it.
 */
export function hasDateline(text: string): boolean {
  return text.split('\n').some((line) => {
    const plain = line.replace(/[#*_>`]/g, '').trim()
    if (/\b(this (notice|letter) is dated|date of this (notice|letter))\b/i.test(plain) && hasDate(plain)) return true
    let rest = plain.replace(DATE_LABEL, '')
    if (!hasDate(rest)) return false
    for (const pattern of DATE_PATTERNS) rest = rest.replace(globally(pattern), '')
    // What is left may be a place before the date ("Boston,") and punctuation.
    return /^([A-Z][\p{L} .'-]{0,40},)?[\s,.;:()]*$/u.test(rest.trim())
  })
}

const NUMBER_WORDS: Record<string, number> = {one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12, eighteen: 18, 'twenty-four': 24}

/**
 * The periods an offer runs for, in months: "24 months", "a 12-month", "18-month", "two years", "1 year", "36ヶ月",
 * "2年間", "12개월".
 */
export function periodsInMonths(text: string): number[] {
  const found: number[] = []
  const words = Object.keys(NUMBER_WORDS).join('|')
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,3}|${words})[\\s-]*(months?|years?)\\b`, 'gi'))) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!.toLowerCase()]!
    found.push(/^y/i.test(m[2]!) ? n * 12 : n)
  }
  for (const m of text.matchAll(/(\d{1,3})\s*(か月|ヶ月|カ月|ヵ月|개월|年間|년)/g)) found.push(/年|년/.test(m[2]!) ? Number(m[1]) * 12 : Number(m[1]))
  return found
}

export type CheckKind =
  | 'phrase'
  | 'date'
  | 'date-range'
  | 'phone'
  | 'toll-free-phone'
  | 'email'
  | 'url'
  | 'address'
  | 'contact'
  | 'number'
  | 'email-web-or-post'
  | 'dateline'
  | 'months'

/** Whether the text holds a real value of this kind (`months`: a period of at least `minMonths`, when given). */
export function hasValue(kind: CheckKind, text: string, minMonths = 1): boolean {
  switch (kind) {
    case 'phrase':
      return true
    case 'date':
    case 'date-range':
      return hasDate(text)
    case 'phone':
      return phoneNumbers(text).length > 0
    case 'toll-free-phone':
      return hasTollFreePhone(text)
    case 'email':
      return emails(text).real.length > 0
    case 'url':
      return urls(text).real.length > 0
    case 'address':
      return hasAddress(text)
    case 'contact':
      return phoneNumbers(text).length > 0 || emails(text).real.length > 0 || urls(text).real.length > 0 || hasAddress(text)
    case 'number':
      return hasNumber(text)
    case 'email-web-or-post':
      return hasEmailWebOrPost(text)
    case 'dateline':
      return hasDateline(text)
    case 'months':
      return periodsInMonths(text).some((months) => months >= minMonths)
  }
}

/** What to write so the value is there, for a finding's suggestion. */
export const VALUE_ADVICE: Record<CheckKind, string> = {
  phrase: 'Cover it in words a reader can find.',
  date: 'Give the date (e.g. March 5, 2026).',
  'date-range': 'Give the date, the estimated date, or the date range.',
  phone: 'Give a real phone number (555-0100 to 555-0199 numbers are fictional).',
  'toll-free-phone': 'Give a real toll-free number (800, 888, 877, 866, 855, 844 or 833).',
  email: 'Give a real email address (not example.com or a .test domain).',
  url: 'Give a real web address.',
  address: 'Give the postal address.',
  contact: 'Give a real way to reach you: a phone number, an email address, a web page or a postal address.',
  number: 'Give the number, in figures (a date, a phone number or a heading number is not it).',
  'email-web-or-post': 'Give a real email address, web address or postal address as well.',
  dateline: 'Date the notice: the date on a line of its own at the top (e.g. March 5, 2026).',
  months: 'Say how long the offer runs, in months (e.g. 24 months), at least as long as the law requires.',
}

/** Whether a contact value (an email, a phone number, a web address) is a placeholder no one could use. */
export function isPlaceholderContact(value: string): boolean {
  const {placeholder} = emails(value)
  if (placeholder.length) return true
  if (urls(value).placeholder.length) return true
  const digits = value.replace(/\D/g, '')
  return digits.length >= 7 && !/@/.test(value) && !/[a-z]{3,}/i.test(value.replace(/ext\.?/i, '')) && isFictionalPhone(digits)
}
