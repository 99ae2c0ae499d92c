import {formatInZone} from '../time/instant.js'
import {offsetToMs} from './clock.js'
import type {Inject, Scenario} from './schema.js'

/**
 * Scenario texts are read to the players as if written for them: `{{ org }}` is the workspace's organisation,
 * `{{ weekday }}`, `{{ time }}` and `{{ date }}` the simulated moment the text is read (the start for the situation,
 * the arrival for an inject), `{{ day('-2d') }}` the weekday that far from it, and `{{ left('gdpr-art33') }}` the
 * time the named deadline really has left at that moment. Only these forms exist, so a typo is found by
 * `runbook playbook validate`, not by the players.
 */
const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g
const PLAIN = /^(org|weekday|time|date)$/
const DAY = /^day\(\s*(['"])([+-]?(?:\d+d)?(?:\d+h)?(?:\d+m)?)\1\s*\)$/
const LEFT = /^left\(\s*(['"])([a-z0-9][a-z0-9-]*)\1\s*\)$/

export const TEXT_FORMS = "{{ org }}, {{ weekday }}, {{ time }}, {{ date }}, {{ day('-2d') }}, {{ left('gdpr-art33') }}"

/** What is wrong with the placeholders of one text (empty when they are all known). */
export function textProblems(text: string): string[] {
  const problems: string[] = []
  if (/\{%|%\}/.test(text)) problems.push(`"{% ... %}" is not allowed in scenario text; use only ${TEXT_FORMS}`)
  for (const [whole, inner] of text.matchAll(PLACEHOLDER)) {
    const day = DAY.exec(inner!)
    if (PLAIN.test(inner!) || LEFT.test(inner!) || (day && day[2]!.replace(/^[+-]/, '') !== '')) continue
    problems.push(`unknown placeholder ${whole}; use ${TEXT_FORMS}`)
  }
  return problems
}

/** The obligations named with left(...) in a scenario's texts: the caller computes them only when needed. */
export function obligationsNamed(texts: readonly string[]): string[] {
  const ids = new Set<string>()
  for (const text of texts) for (const [, inner] of text.matchAll(PLACEHOLDER)) ids.add(LEFT.exec(inner!)?.[2] ?? '')
  ids.delete('')
  return [...ids]
}

export interface TextContext {
  org: string
  zone: string
  /** The simulated moment the text is read. */
  at: Date
  /** The named deadline's due instant, null when it has none (does not apply, or its clock has not started). */
  dueAt: (obligation: string) => string | null | undefined
}

const WEEKDAY = (at: Date, zone: string) => new Intl.DateTimeFormat('en-GB', {weekday: 'long', timeZone: zone}).format(at)

/** "about 12 hours", "about 40 minutes", "about 3 days"; an overrun is said as such. */
export function aboutLeft(ms: number): string {
  const abs = Math.abs(ms)
  const amount =
    abs >= 2 * 86_400_000
      ? `${Math.round(abs / 86_400_000)} days`
      : abs >= 2 * 3_600_000
        ? `${Math.round(abs / 3_600_000)} hours`
        : `${Math.max(1, Math.round(abs / 60_000))} minutes`
  return ms >= 0 ? `about ${amount}` : `no time: it ran out about ${amount.replace(/^1 (\w+)s$/, '1 $1')} ago`
}

/** One text with its placeholders filled. Unknown forms (in a file that was not validated) stay as written. */
export function fillText(text: string, context: TextContext): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    switch (inner) {
      case 'org':
        return context.org
      case 'weekday':
        return WEEKDAY(context.at, context.zone)
      case 'time':
        return formatInZone(context.at, context.zone, 'HH:mm')
      case 'date':
        return new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'long', year: 'numeric', timeZone: context.zone}).format(context.at)
    }
    const day = DAY.exec(inner)
    if (day) return WEEKDAY(new Date(context.at.getTime() + offsetToMs(day[2]!)), context.zone)
    const left = LEFT.exec(inner)
    if (left) {
      const due = context.dueAt(left[2]!)
      return due ? aboutLeft(Date.parse(due) - context.at.getTime()) : 'an unknown amount of time'
    }
    return whole
  })
}

/** Every text of a scenario that players or facilitators read, with where it is (for validation messages). */
export function scenarioTexts(scenario: Scenario): {path: (string | number)[]; text: string}[] {
  return [
    {path: ['description'], text: scenario.description},
    {path: ['situation'], text: scenario.situation},
    ...scenario.objectives.map((text, i) => ({path: ['objectives', i], text})),
    ...scenario.injects.flatMap((inject, i) => [
      {path: ['injects', i, 'from'], text: inject.from},
      {path: ['injects', i, 'title'], text: inject.title},
      {path: ['injects', i, 'message'], text: inject.message},
      ...(inject.expects?.decision ? [{path: ['injects', i, 'expects', 'decision'], text: inject.expects.decision}] : []),
    ]),
  ]
}

/**
 * The scenario as read in this drill: the situation (and description, objectives) at the start, each inject at its
 * arrival (`arrival`), placeholders filled.
 */
export function fillScenario(scenario: Scenario, context: Omit<TextContext, 'at'> & {start: Date; arrival: (inject: Inject) => Date}): Scenario {
  const at = (when: Date) => (text: string) => fillText(text, {...context, at: when})
  const start = at(context.start)
  return {
    ...scenario,
    description: start(scenario.description),
    situation: start(scenario.situation),
    objectives: scenario.objectives.map(start),
    injects: scenario.injects.map((inject) => {
      const fill = at(context.arrival(inject))
      return {
        ...inject,
        from: fill(inject.from),
        title: fill(inject.title),
        message: fill(inject.message),
        ...(inject.expects ? {expects: {...inject.expects, ...(inject.expects.decision ? {decision: fill(inject.expects.decision)} : {})}} : {}),
      }
    }),
  }
}
