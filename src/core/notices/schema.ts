import {z} from 'zod'

export const NOTICE_KINDS = ['customer', 'regulator', 'internal', 'public'] as const

/**
 * A template's front matter: YAML between two "---" lines at the top of the file, as Markdown editors and static
 * site tools write it. runbook reads it, and hides it from the template engine (keeping line numbers).
 */
export const templateMetaSchema = z.strictObject({
  title: z.string().min(1),
  kind: z.enum(NOTICE_KINDS),
  serves: z.array(z.string()).default([]).describe('obligation ids whose required content this document carries'),
  subject: z.string().optional().describe('email subject (a nunjucks expression string), for .eml'),
  grade: z.number().positive().optional().describe('the highest Flesch-Kincaid grade allowed (English)'),
  words: z.number().int().positive().optional().describe('word budget (short forms: about a minute of reading)'),
  sentence_chars: z.number().int().positive().optional().describe('longest sentence in characters (Japanese)'),
})

export type TemplateMeta = z.infer<typeof templateMetaSchema>

export const SOURCE_FORMATS = ['md', 'html', 'txt'] as const
export type SourceFormat = (typeof SOURCE_FORMATS)[number]

/** One file of a template: `customer/us.short.en.md.njk` is id customer/us, short form, English, Markdown source. */
export interface TemplateVariant {
  file: string
  /** Path under its templates/ folder, as the nunjucks loader names it. */
  name: string
  locale: string
  short: boolean
  source: SourceFormat
  origin: 'built-in' | 'workspace'
  /** A workspace file that replaces a built-in one of the same name. */
  overrides?: boolean
}

export interface TemplateEntry {
  id: string
  variants: TemplateVariant[]
}

/** YAML front matter at the top of a template: "---", the YAML, "---". */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/

/** The front matter's YAML, and the template body with the front matter blanked to empty lines (same line numbers). */
export function splitFrontMatter(source: string): {yaml?: string; body: string} {
  const match = FRONT_MATTER.exec(source)
  if (!match) return {body: source}
  const lines = match[0].split('\n').length - 1
  return {yaml: match[1]!, body: '\n'.repeat(lines) + source.slice(match[0].length)}
}
