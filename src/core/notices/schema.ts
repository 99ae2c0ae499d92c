import {z} from 'zod'

export const NOTICE_KINDS = ['customer', 'regulator', 'internal', 'public'] as const

/**
 * A template's front matter: a nunjucks comment at the top of the file holding YAML,
 *   {#---
 *   title: Notice of Data Breach
 *   ---#}
 * so the file stays a valid template.
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
