import {printable, printableLine} from '../core/printable.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'
import {wrapText} from './wrap.js'

/** An inject as players read it (the app's InjectMessage has this shape). */
export interface ShownInject {
  id: string
  from: string
  title: string
  message: string
  at: string
  fired?: boolean
  addedFromFloor?: boolean
  decisions?: {decision: string; at: string; actor: string}[]
}

/** What the facilitator expects in answer to an inject (the MSEL's column; never shown to players). */
export interface Expected {
  step?: string
  decision?: string
  within: string
  by: string
}

/**
 * An inject as it arrives: who sends it, the title and the whole message, for the players' screen. The expected
 * response is added only when the facilitator asks for it (`expected`).
 */
export function injectLines(inject: ShownInject, zone: string, style: Styler, options: {expected?: Expected | null; respondHint?: boolean} = {}): string[] {
  const how = inject.addedFromFloor ? ' · from the floor' : inject.fired ? ' · sent early' : ''
  const lines = [
    '',
    style.exercise(`EXERCISE · INJECT ${inject.id} · ${formatInZone(inject.at, zone)}${how}`),
    style.bold(`From ${printableLine(inject.from)}: ${printableLine(inject.title)}`),
    ...printable(inject.message.trim())
      .split('\n')
      .map((line) => `  ${line}`),
  ]
  const expected = options.expected
  if (expected) {
    const what = [expected.step ? `step ${expected.step}` : '', expected.decision ?? ''].filter(Boolean).join('; ')
    lines.push(style.yellow(`  Expected (facilitator only): ${what}, within ${expected.within}, by ${formatInZone(expected.by, zone)}`))
  }
  if (options.respondHint !== false) lines.push(style.dim(`  Record a decision: runbook drill respond ${inject.id} "what you decided"`))
  return lines
}

/** The simulated clock in one line: the time, and whether it runs, at what speed, or is paused. */
export function clockLine(
  clock: {simulatedNow: string; zone: string; paused: boolean; manual: boolean; speed: number | null; ended: string | null},
  style: Styler,
): string {
  const state = clock.ended ? 'ended' : clock.paused ? style.yellow('PAUSED') : clock.manual ? 'manual clock' : `running at ${clock.speed}x`
  return `Simulated time ${formatInZone(clock.simulatedNow, clock.zone)} (${state})`
}

export {EXERCISE_MARK} from '../core/exercise.js'

type Clock = Parameters<typeof clockLine>[0]

/** What a facilitator's command prints: the clock, then each inject that arrived (expected actions only if asked). */
export function controlLines(result: {clock: Clock; delivered: (ShownInject & {expected?: Expected | null})[]}, style: Styler, facilitator = false): string[] {
  const lines = [clockLine(result.clock, style)]
  for (const inject of result.delivered) lines.push(...injectLines(inject, result.clock.zone, style, {expected: facilitator ? inject.expected : null}))
  return lines
}

/** An inject for `--json` output: expected actions only for the facilitator. */
export function injectJson(inject: ShownInject & {expected?: Expected | null}, facilitator: boolean): Record<string, unknown> {
  const {expected, ...rest} = inject
  return facilitator ? {...rest, expected: expected ?? null} : rest
}

/** Hotwash notes, each with its author. */
export function debriefLines(notes: {text: string; actor: string}[], style: Styler, added: boolean): string[] {
  if (notes.length === 0) return [style.dim('No hotwash notes yet. Add one: runbook drill debrief "what we saw" --as NAME')]
  const lines = added ? [style.green(`Recorded. ${notes.length} hotwash note(s):`)] : [style.bold(`${notes.length} hotwash note(s):`)]
  for (const note of notes) lines.push(`- ${printableLine(note.text)} ${style.dim(`(${printableLine(note.actor)})`)}`)
  return lines
}

interface Preview {
  scenario: {id: string; title: string; description: string; playbook: string; length: string; highRisk: boolean}
  start: string
  zone: string
  situation: string
  objectives: {number: number; text: string}[]
  injects: {id: string; at: string; dueAt: string; from: string; title: string; message: string; sets: string[]; expects?: Expected | null}[]
}

/** `drill show`: the scenario, its objectives (numbered, as `drill rate` takes them) and the inject schedule. */
export function previewLines(preview: Preview, style: Styler, columns: number): string[] {
  const width = Math.max(40, Math.min(columns, 100) - 4)
  const lines = [
    style.bold(`${printableLine(preview.scenario.title)} (${preview.scenario.id})`),
    style.dim(
      `Playbook ${preview.scenario.playbook} · about ${preview.scenario.length}${preview.scenario.highRisk ? ' · high risk' : ''} · as if it started ${formatInZone(preview.start, preview.zone)}`,
    ),
    '',
    ...wrapText(printable(preview.scenario.description), width),
    '',
    style.bold('Situation'),
    ...wrapText(printable(preview.situation), width).map((l) => `  ${l}`),
    '',
    style.bold('Objectives'),
    ...preview.objectives.map((o) => `  ${o.number}. ${printableLine(o.text)}`),
    '',
    style.bold('Injects'),
  ]
  for (const inject of preview.injects) {
    lines.push(
      `  ${style.cyan(`T+${inject.at}`.padEnd(8))} ${formatInZone(inject.dueAt, preview.zone, 'MM-dd HH:mm')} ${style.bold(inject.id)}: ${printableLine(inject.title)} ${style.dim(`(from ${printableLine(inject.from)})`)}`,
    )
    lines.push(...wrapText(printable(inject.message), width - 6).map((l) => `        ${l}`))
    if (inject.sets.length) lines.push(style.dim(`        Sets: ${inject.sets.join(', ')}`))
    if (inject.expects) {
      const what = [inject.expects.step ? `step ${inject.expects.step}` : '', inject.expects.decision ?? ''].filter(Boolean).join('; ')
      lines.push(style.yellow(`        Expected (facilitator only): ${what}, within ${inject.expects.within}`))
    }
  }
  return lines
}
