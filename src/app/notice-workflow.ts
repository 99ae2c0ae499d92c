import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {UserError} from '../core/errors.js'
import type {Finding} from '../core/notices/lint.js'
import {privateTempDir, writeFileAtomic} from '../store/files.js'
import {builtInTemplate, findTemplate, workspaceTemplates} from '../store/templates.js'
import type {Launched} from '../ui/launch.js'
import {shown} from './approvals.js'
import type {Context} from './context.js'
import {resolveIncident} from './incidents.js'
import {renderForIncident} from './notices.js'

export interface EditResult {
  id: string
  /** The workspace files to edit (copied now, or already the workspace's own template). */
  files: string[]
  copied: boolean
  /** Whether the editor was opened, or why not. */
  editor: Launched
}

/**
 * `runbook notice edit ID`: copies every variant of a built-in template (each language, full and short form) into
 * the workspace's templates/ folder, where it replaces the built-in, and opens them in the person's editor at a
 * terminal. An existing copy is never overwritten without --force. The workspace's own template is just opened.
 */
export async function editTemplate(ctx: Context, input: {id: string; force: boolean}): Promise<EditResult> {
  const root = ctx.workspace.root
  const builtIn = builtInTemplate(input.id)
  if (!builtIn) {
    const own = findTemplate(input.id, root)
    const files = own.variants.map((v) => v.file)
    return {id: own.id, files, copied: false, editor: ctx.launcher.edit(files)}
  }
  const folder = workspaceTemplates(root)
  const copies = builtIn.variants.map((v) => ({from: v.file, to: join(folder, ...v.name.split('/'))}))
  const existing = copies.filter((c) => existsSync(c.to))
  if (existing.length && !input.force) {
    throw new UserError(`${builtIn.id} already has a copy in this workspace: ${existing.map((c) => shown(root, c.to)).join(', ')}; it was left as it is`, {
      hint: `Open ${existing.length === 1 ? 'it' : 'them'} in your editor to change ${existing.length === 1 ? 'it' : 'them'}, or run \`runbook notice edit ${builtIn.id} --force\` to replace ${existing.length === 1 ? 'it' : 'them'} with runbook's version (your changes are lost).`,
      result: {id: builtIn.id, existing: existing.map((c) => c.to)},
    })
  }
  // The copies belong to a workspace: one that does not exist yet is made now, with its runbook.yaml.
  ctx.workspace.materialize()
  for (const copy of copies) writeFileAtomic(copy.to, readFileSync(copy.from))
  const files = copies.map((c) => c.to)
  return {id: builtIn.id, files, copied: true, editor: ctx.launcher.edit(files)}
}

export interface PreviewResult {
  file: string
  template: string
  variant: string
  reader?: string
  findings: Finding[]
  fellBack?: string
  opened: Launched | undefined
}

/**
 * `runbook notice preview ID`: the notice as its reader would see it, rendered with the incident's facts to an HTML
 * page in a private temporary folder (0700, the file 0600), and opened in the desktop's viewer with --open. Nothing
 * is recorded: a preview is not a document that leaves the building.
 */
export async function previewNotice(
  ctx: Context,
  input: {id: string; incident?: string; forJurisdiction?: string; locale?: string; short: boolean; open: boolean},
): Promise<PreviewResult> {
  const session = await resolveIncident(ctx, input.incident)
  const result = await renderForIncident(ctx, session, {
    templateId: input.id,
    format: 'html',
    short: input.short,
    locale: input.locale,
    now: session.now(),
    forJurisdiction: input.forJurisdiction,
  })
  const name = `${input.id.replace(/[^\w.-]+/g, '-')}${input.short ? '.short' : ''}.${result.rendered.locale}.html`
  const file = join(privateTempDir('runbook-preview-'), name)
  writeFileAtomic(file, result.rendered.output)
  return {
    file,
    template: input.id,
    variant: result.rendered.variant.name,
    ...(result.reader ? {reader: result.reader.jurisdiction} : {}),
    findings: result.findings,
    ...(result.fellBack ? {fellBack: result.fellBack} : {}),
    opened: input.open ? ctx.launcher.open(file) : undefined,
  }
}
