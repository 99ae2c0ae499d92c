import {OperationalError, UserError} from '../core/errors.js'
import type {VerifyResult} from '../core/incident/verify.js'
import {checkReceipt, signReceipt, type Receipt} from '../core/incident/receipt.js'
import {findFork} from '../core/incident/fork.js'
import {checkIncidentId} from '../store/incidents.js'
import {readTextFile, writeFileAtomic} from '../store/files.js'
import {receiptKey} from '../store/receipt-key.js'
import {logVerifier, type LogVerifier} from '../store/log-verifier.js'
import type {Context} from './context.js'
import {resolveIncident} from './incidents.js'

export interface VerifySummary {
  id: string
  file: string
  ok: boolean
  events: number
  lastHash: string
  problem?: VerifyResult['problem']
  /** Events recorded by a clock that read earlier than the event before (the order is the log's, not the clock's). */
  clockSkews: VerifyResult['clockSkews']
  /** The receipt checked with --receipt: the head it names is still in the log. */
  receipt?: {seq: number; signedAt: string; keyId: string; signer: 'this-machine' | 'other-key'}
}

/**
 * Checks an incident's whole hash chain; a broken chain fails with the first bad line and what to do. With a head
 * receipt, also that the log still holds the event the receipt names (nothing cut off, emptied or rewritten).
 */
export async function verifyIncident(ctx: Context, id?: string, options: {receiptFile?: string} = {}): Promise<VerifySummary> {
  const receipt = options.receiptFile ? await readReceipt(options.receiptFile) : undefined
  const incidentId = id ?? receipt?.incident ?? (await resolveIncident(ctx)).id
  // Made as soon as the size is known, so that a second thread for a large log starts while it is read.
  let verifier: LogVerifier | undefined
  const bytes = await ctx.store.rawLog(incidentId, {beforeRead: (size) => (verifier = logVerifier(size))})
  const {result} = await (verifier ?? logVerifier(bytes.length)).check(bytes, {hashOf: receipt?.seq})
  const file = await ctx.store.where(incidentId)
  const summary: VerifySummary = {
    id: incidentId,
    file,
    ok: result.ok,
    events: result.events,
    lastHash: result.lastHash,
    problem: result.problem,
    clockSkews: result.clockSkews,
  }
  if (!result.ok) {
    const problem = result.problem!
    throw new OperationalError(`${await ctx.store.where(incidentId, problem.line)}: ${problem.message}`, {
      hint:
        problem.kind === 'torn-tail'
          ? `The ${result.events} events before it are intact. Run \`runbook incident repair ${incidentId}\`.`
          : `The ${result.events} events before it are intact; keep a copy of the record as evidence.`,
      result: summary,
    })
  }
  if (receipt) {
    const check = checkReceipt(
      receipt,
      {incident: incidentId, events: result.events, hashAtSeq: result.hashOfAsked},
      receiptKey(ctx.env, {create: false})?.keyId,
    )
    summary.receipt = check.ok ? {seq: receipt.seq, signedAt: receipt.signedAt, keyId: receipt.keyId, signer: check.signer} : undefined
    if (!check.ok) {
      throw new OperationalError(`${options.receiptFile}: ${check.message}`, {
        hint: 'Keep the log and the receipt as evidence; compare them with the timeline exports and backups.',
        result: {...summary, ok: false, receiptProblem: check.problem},
      })
    }
  }
  return summary
}

/** Makes a signed head receipt for the incident's last event (the chain is checked first: a broken log gets none). */
export async function issueReceipt(ctx: Context, id?: string, out?: string): Promise<{receipt: Receipt; keyFile: string}> {
  const summary = await verifyIncident(ctx, id)
  const {events} = await ctx.store.load(summary.id)
  const head = events.at(-1)!
  const key = receiptKey(ctx.env, {create: true})!
  const receipt = signReceipt({incident: summary.id, seq: head.seq, hash: head.hash, recordedAt: head.recordedAt}, ctx.now(), key.privateKey)
  if (out) writeFileAtomic(out, `${JSON.stringify(receipt, null, 2)}\n`)
  return {receipt, keyFile: key.file}
}

async function readReceipt(file: string): Promise<Receipt> {
  const {receiptSchema} = await import('../core/incident/receipt-schema.js')
  let parsed: unknown
  try {
    parsed = JSON.parse(readTextFile(file, 'receipt', 64 * 1024))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${file} is not a receipt: it is not JSON`, {hint: 'Give the file `runbook receipt --out` wrote.'})
  }
  const result = receiptSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new UserError(`${file} is not a runbook receipt: ${issue.path.join('.') || 'the document'}: ${issue.message}`, {
      hint: 'Give the file `runbook receipt --out` wrote.',
    })
  }
  return result.data
}

export interface TornTail {
  path: string
  bytes: number
  preview: string
}

/** What repair would move aside: the incomplete last line of an interrupted write, or null when the log is whole. */
export async function findTornTail(ctx: Context, id?: string): Promise<{id: string; torn: TornTail | null}> {
  const incidentId = (await resolveIncident(ctx, id)).id
  const torn = await ctx.store.tornTail(incidentId)
  return {id: incidentId, torn: torn && {path: torn.where, bytes: torn.bytes.length, preview: torn.bytes.toString('utf8').slice(0, 80)}}
}

/** Moves the torn line aside once the responder agreed (asked at a terminal; --yes in scripts). */
export async function repairTornTail(ctx: Context, id: string, options: {yes: boolean}): Promise<{sideFile: string; bytes: number} | null | 'declined'> {
  if (!options.yes) {
    if (!ctx.io.canPrompt) throw new UserError('repair needs confirmation; run it at a terminal, or pass --yes')
    if (!(await ctx.prompter.confirm({message: 'Move it aside into a side file?', default: true}))) return 'declined'
  }
  return ctx.store.repairTornTail(id)
}

/**
 * Repairs a forked log (two writers on one tail, from a copy synced by hand or an old version): the branch is moved
 * aside and its events are recorded again after the intact chain, marked as recovered. Asks first at a terminal.
 */
export async function repairForkedLog(
  ctx: Context,
  id: string,
  options: {yes: boolean},
): Promise<{sideFile: string; moved: number; fromLine: number} | null | 'declined'> {
  const incidentId = checkIncidentId(id)
  const where = await ctx.store.where(incidentId)
  const finding = findFork(await ctx.store.rawLog(incidentId))
  if ('none' in finding) return null
  const refuse = (why: string) => new OperationalError(`nothing was changed in ${where}: ${why}`, {hint: 'Run `runbook verify` to see the first bad line.'})
  if ('refused' in finding) throw refuse(finding.refused)
  ctx.notice(
    `Lines ${finding.fork.fromLine}-${finding.fork.fromLine + finding.fork.events.length - 1} of ${where} do not continue the chain (${finding.fork.reason}): ${finding.fork.events.length} event(s) would be moved to a side file and recorded again, marked as recovered.`,
  )
  if (!options.yes) {
    if (!ctx.io.canPrompt) throw new UserError('repair needs confirmation; run it at a terminal, or pass --yes')
    if (!(await ctx.prompter.confirm({message: 'Move the branch aside and record its events again?', default: true}))) return 'declined'
  }
  const result = await ctx.store.repairFork(incidentId, ctx.actor)
  if (result && 'refused' in result) throw refuse(result.refused)
  if (!result) return null
  return {sideFile: result.sideFile, moved: result.fork.events.length, fromLine: result.fork.fromLine}
}
