import {existsSync, readFileSync, statSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import {UserError} from '../core/errors.js'
import {sha256} from '../core/incident/chain.js'
import {approvalEvent, approvalMissingError, documentApproved, unapproved, type ApprovalNeed} from '../core/notices/approval.js'
import type {TemplateVariant} from '../core/notices/schema.js'
import type {IncidentState} from '../core/incident/state.js'
import type {Role} from '../core/playbook/model.js'
import {templateFiles} from '../render/template-files.js'
import {BUILTIN_TEMPLATES, findTemplate, templateSearchPaths, workspaceTemplates} from '../store/templates.js'
import type {Context} from './context.js'
import {incidentFlagFor, resolveIncident} from './incidents.js'

/** The path of `file` inside `dir` (with / between folders), or undefined when it is not inside. */
export const inside = (dir: string, file: string): string | undefined => {
  const rel = relative(dir, file)
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : undefined
}

/** A path as people in the workspace read it: relative to the workspace when inside it, else absolute. */
export const shown = (root: string, file: string): string => inside(root, file) ?? file

export interface ApprovedFile {
  file: string
  template?: string
  sha256: string
  seq: number
}

/** What FILE names: a file (a template under a templates/ folder, or any document), else a template id. */
function approvalTargets(root: string, target: string): {file: string; shown: string; template?: string}[] {
  // A path in the workspace first (templates/customer/us.en.md.njk, as runbook prints it), else from here.
  const path = [resolve(root, target), resolve(target)].find((p) => existsSync(p))
  if (path) {
    if (!statSync(path).isFile()) throw new UserError(`${target} is not a file`, {hint: 'Approve a template file, a rendered notice, or a template id.'})
    const template = inside(workspaceTemplates(root), path) ?? inside(BUILTIN_TEMPLATES, path)
    return [{file: path, shown: shown(root, path), ...(template?.endsWith('.njk') ? {template} : {})}]
  }
  let entry
  try {
    entry = findTemplate(target, root)
  } catch {
    throw new UserError(`there is no file ${target}, and no template with that id`, {
      hint: 'Give the path of a template file or a rendered notice, or a template id from `runbook notice list` (every language and form of it is approved).',
    })
  }
  return entry.variants.map((v) => ({file: v.file, shown: shown(root, v.file), template: v.name}))
}

/**
 * `runbook notice approve FILE --as NAME [--role ROLE]`: records the sign-off of a template file, every file of a
 * template id, or a rendered notice: who, in what role, when, and the SHA-256 of the bytes approved.
 */
export async function approveFile(
  ctx: Context,
  input: {target: string; role?: Role; incident?: string},
): Promise<{incident: string; approved: ApprovedFile[]}> {
  if (!ctx.actor.trim()) throw new UserError('say who approves with --as NAME')
  const session = await resolveIncident(ctx, input.incident)
  const targets = approvalTargets(ctx.workspace.root, input.target)
  const drafts = targets.map((t) => approvalEvent({file: t.shown, template: t.template, sha256: sha256(readFileSync(t.file)), role: input.role}, session.who()))
  const events = await session.record(...drafts)
  return {
    incident: session.state.id,
    approved: events.map((e, i) => ({file: targets[i]!.shown, template: targets[i]!.template, sha256: String(e.payload.sha256), seq: e.seq})),
  }
}

/**
 * The files a notice is rendered from, as an approval must cover them: each template file used, then each file of
 * the workspace's own that it includes, imports or extends (runbook's own partials come with its release).
 */
export function approvalNeeds(root: string, variants: readonly TemplateVariant[]): ApprovalNeed[] {
  const searchPaths = templateSearchPaths(root)
  const own = workspaceTemplates(root)
  const needs = new Map<string, ApprovalNeed>()
  for (const variant of variants) {
    for (const [i, part] of templateFiles(variant.name, searchPaths).entries()) {
      if (i > 0 && !inside(own, part.file)) continue
      if (!needs.has(part.file)) needs.set(part.file, {name: part.name, file: shown(root, part.file), sha256: sha256(readFileSync(part.file))})
    }
  }
  return [...needs.values()]
}

/** Every file a notice is rendered from, with its hash, for the record of a mail merge (built-in ones marked). */
export function renderedFrom(root: string, variants: readonly TemplateVariant[]): {file: string; sha256: string}[] {
  const searchPaths = templateSearchPaths(root)
  const own = workspaceTemplates(root)
  const files = new Map<string, {file: string; sha256: string}>()
  for (const variant of variants)
    for (const part of templateFiles(variant.name, searchPaths))
      if (!files.has(part.file))
        files.set(part.file, {file: inside(own, part.file) ? shown(root, part.file) : `(built-in) ${part.name}`, sha256: sha256(readFileSync(part.file))})
  return [...files.values()]
}

/**
 * With notices.require_approval: refuses `what` unless each file it is rendered from has an approval of its current
 * bytes (in the required role), or the document itself was approved as it is (`documentSha256`).
 */
export async function assertApproved(
  ctx: Context,
  state: IncidentState,
  what: string,
  variants: readonly TemplateVariant[],
  documentSha256?: string,
): Promise<void> {
  const config = await ctx.workspace.config()
  if (!config.notices?.require_approval) return
  const role = config.notices.approver_role
  if (documentSha256 && documentApproved(documentSha256, state.approvals, role)) return
  const missing = unapproved(approvalNeeds(ctx.workspace.root, variants), state.approvals, role)
  if (missing.length === 0) return
  throw approvalMissingError(what, missing, {
    role,
    rosterName: role ? config.roster?.[role]?.primary.name : undefined,
    incidentFlag: await incidentFlagFor(ctx, state.id),
    zone: state.timezone,
  })
}
