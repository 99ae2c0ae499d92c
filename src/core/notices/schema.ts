import {z} from 'zod'
import {NOTICE_KINDS} from './template-model.js'

export {NOTICE_KINDS, SOURCE_FORMATS, splitFrontMatter, type SourceFormat, type TemplateEntry, type TemplateVariant} from './template-model.js'

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
