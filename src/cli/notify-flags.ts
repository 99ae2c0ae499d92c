import * as Flags from '@oclif/core/flags'
import {incidentFlag} from './flags.js'
import {EMAIL_FORMATS} from './options.js'

/** The flags of `notify customers`: many, so they sit apart from the command. */
export const notifyFlags = {
  recipients: Flags.file({char: 'r', required: true, summary: 'The recipients CSV.'}),
  template: Flags.string({char: 't', summary: "Force one template, e.g. customer/us (default: each reader gets their jurisdiction's notice)."}),
  'force-template': Flags.boolean({summary: 'With --template: send it also to readers it does not serve (counted and warned), instead of rejecting them.'}),
  'allow-fallback': Flags.boolean({summary: "Print a text fact in the organisation's language when it has no translation in the reader's (counted)."}),
  out: Flags.directory({char: 'o', summary: 'Folder to write into (created 0700); required unless --dry-run.'}),
  format: Flags.string({options: [...EMAIL_FORMATS], default: 'mbox', summary: 'How email notices are written.'}),
  letters: Flags.string({options: ['html', 'pdf'], default: 'html', summary: 'Letters as print-ready HTML batches, or also as PDF (needs a local Chromium).'}),
  short: Flags.boolean({
    default: false,
    summary: 'The short (layered) form where the notice has one; readers whose notice has none get the full form (counted).',
  }),
  'dry-run': Flags.boolean({summary: 'Count by jurisdiction, template, language and channel, list rejected rows, show samples; write nothing.'}),
  strict: Flags.boolean({summary: 'Fail (exit 1) when any row is rejected.'}),
  resume: Flags.boolean({summary: 'Continue an interrupted run in the same --out folder (from its last checkpoint, or from the first row).'}),
  overwrite: Flags.boolean({summary: 'Replace an earlier batch in --out (only files a mail merge writes; anything else stops the run).'}),
  'show-names': Flags.boolean({summary: "With --dry-run: show the real readers' names and addresses in the samples (default: stand-ins)."}),
  map: Flags.string({
    multiple: true,
    summary: 'COLUMN=FIELD, e.g. customer_no=id (fields: id, name, email, address, language, channel, country, state, data_categories).',
  }),
  incident: incidentFlag,
  as: Flags.string({summary: 'Who runs it (recorded).'}),
}
