import type {ObligationResult} from '../core/deadlines/obligations.js'
import {UserError} from '../core/errors.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {instantConcern} from '../core/incident/actions.js'
import {factValueInZone} from '../ui/record-view.js'
import {removedObligationLines} from '../ui/walk-view.js'
import {obligationsRemovedBy} from './deadlines.js'
import {orgFacts} from './org-facts.js'
import type {IncidentSession} from './session.js'

/** What an answer needs before it is recorded: a second look at an unlikely instant, a reason to remove duties. */
export interface AnswerReview {
  /** Why the instant looks wrong (in the future, or a response instant from before the incident was opened). */
  concern?: string
  /** The obligations the answer takes away. */
  removed: ObligationResult[]
}

export async function reviewAnswer(session: IncidentSession, key: string, value: FactValue): Promise<AnswerReview> {
  const now = session.now()
  return {
    concern: instantConcern(session.state, key, value, now, await orgFacts(session.ctx)),
    removed: await obligationsRemovedBy(session.ctx, session.state, key, value, now),
  }
}

export type Settled = {accepted: true; reason?: string} | {accepted: false}

/**
 * Settles an answer before it is recorded. An unlikely instant is shown and must be confirmed (or --force); an
 * answer that removes obligations shows which, must be confirmed, and needs a reason, kept in the event (or
 * --reason). Without a terminal the flag twins are the only way: a script is refused and told which flag to add.
 */
export async function settleAnswer(session: IncidentSession, key: string, value: FactValue, given: {force?: boolean; reason?: string}): Promise<Settled> {
  const {ctx} = session
  const {style} = ctx.io
  const zone = session.state.timezone
  const review = await reviewAnswer(session, key, value)
  const shown = factValueInZone(key, value, zone)
  if (review.concern && !given.force) {
    if (!ctx.io.canPrompt) throw new UserError(review.concern, {hint: `Check the date and the time zone (${zone}); if it is meant, add --force.`})
    ctx.io.stdout.write(`${style.yellow(`  ${review.concern}. Check the date and the time zone (${zone}).`)}\n`)
    if (!(await ctx.prompter.confirm({message: `Record ${key} = ${shown} anyway?`, default: false}))) return {accepted: false}
  }
  const givenReason = given.reason?.trim()
  if (review.removed.length === 0 || givenReason) return {accepted: true, ...(givenReason ? {reason: givenReason} : {})}
  const lines = removedObligationLines(key, shown, review.removed, style)
  if (!ctx.io.canPrompt) {
    throw new UserError(lines.map((l) => l.trim()).join('\n'), {
      hint: `If the answer is right, record it with the reason: --reason "why" (kept in the log for whoever reviews the decision).`,
    })
  }
  for (const line of lines) ctx.io.stdout.write(`${line}\n`)
  if (!(await ctx.prompter.confirm({message: `Is ${key} = ${shown} right? Those obligations will no longer be listed as applying.`, default: false})))
    return {accepted: false}
  const reason = await ctx.prompter.input({
    message: 'Why? (kept in the log with the answer)',
    validate: (v) => (v.trim() ? true : 'A reason is required for an answer that removes obligations'),
  })
  return {accepted: true, reason: reason.trim()}
}
