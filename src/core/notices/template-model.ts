// The template vocabulary, free of the validation library: commands that only name kinds or read front matter
// stay light (the schema that validates front matter is in schema.ts).

export const NOTICE_KINDS = ['customer', 'regulator', 'internal', 'public'] as const

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
