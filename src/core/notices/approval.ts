import {UserError} from '../errors.js'
import {formatInZone} from '../time/instant.js'
import type {Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import type {Approval} from '../incident/state.js'

/**
 * Sign-off. `notice approve FILE --as NAME [--role ROLE]` records who approved which bytes: an approval is of a
 * file's SHA-256, so any change to the file, however small, needs a new one.
 *
 * With `notices.require_approval: true` in runbook.yaml, what must be approved before a notice goes out:
 * - `notify customers`: every template file the notices are rendered from: the template file of each language
 *   and form the run uses (customer/us.en.md.njk), and each file of the workspace's own that it includes, imports
 *   or extends (a changed partial changes the notice). runbook's own partials come with runbook's release.
 * - `notice render --out` (the final render, written to a file): the same files for that one document, or else
 *   the rendered document itself: an approval of a file with exactly the bytes being written (a preview that a
 *   lawyer read and approved, rendered again unchanged).
 * With `notices.approver_role`, only approvals given in that role count.
 */
export function approvalEvent(input: {file: string; template?: string; sha256: string; role?: string}, who: Who): EventDraft {
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) throw new UserError(`cannot approve ${input.file}: not a SHA-256 "${input.sha256}"`, {exitCode: 1})
  return {
    type: 'notice.approved',
    actor: who.actor,
    payload: {
      file: input.file,
      ...(input.template ? {template: input.template} : {}),
      sha256: input.sha256,
      approver: who.actor,
      ...(input.role ? {role: input.role} : {}),
    },
  }
}

/** A file that must carry an approval of its current bytes. */
export interface ApprovalNeed {
  /** How it is named to people: the template name (customer/us.en.md.njk), else the path. */
  name: string
  /** Where it is, for the command that approves it. */
  file: string
  sha256: string
}

export interface Unapproved extends ApprovalNeed {
  /** The latest approval of an earlier version of the same file, when there is one: the file changed since. */
  earlier?: Approval
}

/** Whether an approval counts: of these bytes, and in the required role when one is required. */
const counts = (approval: Approval, sha256: string, role: string | undefined) => approval.sha256 === sha256 && (!role || approval.role === role)

/** The needs no approval covers, each with the approval of an earlier version when the file changed since. */
export function unapproved(needs: readonly ApprovalNeed[], approvals: readonly Approval[], role?: string): Unapproved[] {
  return needs
    .filter((need) => !approvals.some((a) => counts(a, need.sha256, role)))
    .map((need) => {
      const earlier = approvals.filter((a) => (a.template ?? a.file) === need.name && (!role || a.role === role)).at(-1)
      return earlier ? {...need, earlier} : need
    })
}

/** A document's bytes are approved as they are (a rendered notice that was read and approved). */
export function documentApproved(sha256: string, approvals: readonly Approval[], role?: string): boolean {
  return approvals.some((a) => !a.template && counts(a, sha256, role))
}

/**
 * Why a notice may not go out yet: each file without an approval of its current bytes (saying when it changed
 * since an approval), who must approve (the role, and the roster's person for it), and the command.
 */
export function approvalMissingError(
  what: string,
  missing: readonly Unapproved[],
  options: {role?: string; rosterName?: string; incidentFlag?: string; zone?: string},
): UserError {
  const who = options.role
    ? `${options.role}${options.rosterName ? ` (${options.rosterName}, the roster's ${options.role} lead)` : ''}`
    : 'someone entitled to sign it off'
  const lines = missing.map((m) => {
    const changed = m.earlier
      ? `: it changed since ${m.earlier.approver}${m.earlier.role ? ` (${m.earlier.role})` : ''} approved it at ${options.zone ? formatInZone(m.earlier.at, options.zone) : m.earlier.at}`
      : ': not approved'
    return `  ${m.name}${changed}`
  })
  const role = options.role ? ` --role ${options.role}` : ' --role ROLE'
  const name = options.rosterName ? `"${options.rosterName}"` : 'NAME'
  const incident = options.incidentFlag ? ` --incident ${options.incidentFlag}` : ''
  const commands = missing.map((m) => `  runbook notice approve ${quoteArg(m.file)} --as ${name}${role}${incident}`)
  return new UserError(
    `${what} needs approval first (runbook.yaml notices.require_approval); ${missing.length === 1 ? 'this file is not approved as it is' : `these ${missing.length} files are not approved as they are`} now:\n${lines.join('\n')}`,
    {
      hint: `Who must approve: ${who}. After reading ${missing.length === 1 ? 'it' : 'them'} (runbook notice preview shows the notice), they run:\n${commands.join('\n')}`,
      result: {unapproved: missing.map(({earlier, ...m}) => ({...m, ...(earlier ? {approvedEarlier: earlier} : {})})), role: options.role ?? null},
    },
  )
}

const quoteArg = (word: string) => (/^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)
