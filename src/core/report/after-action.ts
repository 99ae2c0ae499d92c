import type {ObligationResult} from '../deadlines/obligations.js'
import {offsetToMs} from '../drills/clock.js'
import {arrivedAt} from '../drills/injects.js'
import {PARTICIPANT_ROLES, RATINGS, type ParticipantRole, type Rating} from '../drills/schema.js'
import {describeEvent} from '../incident/describe.js'
import type {StoredEvent} from '../incident/events.js'
import {progress} from '../incident/progress.js'
import {incidentStart, type IncidentState} from '../incident/state.js'
import {ROLE_TITLES, type Role} from '../playbook/model.js'
import {formatElapsed} from '../time/duration.js'

export interface PlanItem {
  action: string
  owner: string
  due: string
}

export interface AfterActionReport {
  title: string
  incidentId: string
  exercise: boolean
  scenario?: {id: string; title: string; description: string; situation: string}
  objectives: string[]
  startedAt: string
  endedAt: string
  /** Everyone who recorded something or was named as taking part, once each. */
  participants: string[]
  /** A drill's participants by role (HSEEP: players, controllers, evaluators), and those who gave no role. */
  roles: {role: ParticipantRole; title: string; names: string[]}[]
  withoutRole: string[]
  /** A drill's objectives with the evaluators' P/S/M/U rating (null: not rated). */
  ratings: {objective: number; text: string; rating: Rating | null; meaning: string | null; note: string | null; by: string | null}[]
  /** The hotwash: what participants said at the debrief, each with its author. */
  hotwash: {text: string; by: string}[]
  phases: {title: string; done: number; total: number; firstDoneAt: string | null; sinceStart: string | null}[]
  metrics: {
    stepsDone: number
    stepsSkipped: number
    stepsLate: number
    stepsOpen: number
    deadlinesMetOnTime: number
    deadlinesMetLate: number
    deadlinesMissed: number
    injects: number
    injectsAnswered: number
  }
  deadlines: {id: string; title: string; dueAt: string | null; status: string; detail: string}[]
  injects: {id: string; title: string; from: string; at: string; decisions: string[]; expected: string | null; outcome: string}[]
  wentWell: string[]
  improve: string[]
  plan: PlanItem[]
  timeline: {when: string; who: string; what: string}[]
  /** The evidence register: each item with its hash, size and chain of custody (who held it, from when). */
  evidence: {
    id: string
    name: string
    description: string | null
    source: string | null
    sha256: string
    bytes: number
    custodian: string
    custody: {at: string; from: string | null; to: string; reason: string | null; recordedBy: string}[]
  }[]
}

const DAY = 86_400_000

const ROLE_NAMES: Record<ParticipantRole, string> = {player: 'Players', controller: 'Controllers', evaluator: 'Evaluators'}

/**
 * The after-action report in the HSEEP shape: overview, objectives, timeline, strengths, areas for improvement,
 * an improvement plan (action, owner, due date) and the metrics. Pure: everything comes from the events.
 */
export function afterActionReport(
  state: IncidentState,
  events: readonly StoredEvent[],
  obligations: readonly ObligationResult[],
  now: Date,
  /** The machine clock (a drill's `now` is simulated); the improvement plan is dated from it. */
  realNow: Date = now,
): AfterActionReport {
  const drill = state.exercise
  const startedAt = drill ? drill.clock.simStart : incidentStart(state)
  const endedAt = drill?.ended ?? state.closedAt ?? now.toISOString()
  const end = new Date(endedAt)
  const report = progress(state, end)
  // The plan is work for after the exercise: due 30 real days after it ended (or from today while it runs), never
  // in the drill's simulated calendar.
  const planFrom = drill ? new Date(drill.endedRecordedAt ?? realNow.toISOString()) : end
  const planDue = new Date(planFrom.getTime() + 30 * DAY).toISOString().slice(0, 10)
  const wentWell: string[] = []
  const improve: string[] = []
  const plan: PlanItem[] = []
  const owner = (role: Role) => ROLE_TITLES[role]

  const late = new Map(report.pastTarget.map((p) => [p.step, p]))
  for (const step of state.steps) {
    if (step.applies === 'no') continue
    const target = step.step.target ? ` (target ${step.step.target})` : ''
    if (step.status === 'done' && step.step.target && !late.has(step.step.id)) wentWell.push(`${step.step.title} was done within its target${target}.`)
    if (late.has(step.step.id)) {
      const l = late.get(step.step.id)!
      improve.push(`${step.step.title} ${l.finished ? 'was done' : 'is still open,'} ${formatElapsed(l.lateByMs)} past its target${target}.`)
      plan.push({
        action: `Find out what slowed "${step.step.title}" and remove it (pre-approved authority, a checklist, access prepared in advance).`,
        owner: owner(step.step.owner),
        due: planDue,
      })
    }
    if (step.status === 'skipped') improve.push(`${step.step.title} was skipped: ${step.reason}.`)
    if (step.status === 'blocked') {
      improve.push(`${step.step.title} was blocked: ${step.reason}.`)
      plan.push({action: `Remove the blocker for "${step.step.title}": ${step.reason}.`, owner: owner(step.step.owner), due: planDue})
    }
  }

  const applicable = obligations.filter((o) => o.applies === 'yes')
  const deadlines = applicable.map((o) => {
    const missed = !o.met && o.dueAt !== null && Date.parse(o.dueAt) < end.getTime()
    const detail = o.met
      ? o.met.lateByMs !== null && o.met.lateByMs > 0
        ? `made ${formatElapsed(o.met.lateByMs)} late`
        : 'made on time'
      : missed
        ? 'missed'
        : o.dueAt
          ? 'not yet due'
          : 'no fixed deadline'
    if (o.status === 'met-on-time' && o.dueAt) wentWell.push(`${o.title} (${o.id}) was made on time.`)
    if (o.status === 'met-late' || missed) {
      improve.push(`${o.title} (${o.id}) was ${missed ? 'missed' : 'late'}.`)
      plan.push({
        action: `Prepare the ${o.id} report in advance (template, approvals, portal access) so it can go within its deadline.`,
        owner: owner('privacy'),
        due: planDue,
      })
    }
    return {id: o.id, title: o.title, dueAt: o.dueAt, status: missed ? 'missed' : o.status, detail}
  })

  const injects = (drill?.scenario.injects ?? [])
    .filter((i) => drill!.delivered[i.id])
    .map((inject) => {
      const at = arrivedAt(state, inject)
      const decisions = (drill!.decisions[inject.id] ?? []).map((d) => d.decision)
      const expects = inject.expects
      let outcome = decisions.length ? 'decided' : 'no decision recorded'
      let expected: string | null = null
      if (expects) {
        const by = at.getTime() + offsetToMs(expects.within)
        expected = [expects.step ? `step ${expects.step}` : '', expects.decision ?? ''].filter(Boolean).join('; ')
        const step = expects.step ? state.steps.find((s) => s.step.id === expects.step) : undefined
        const stepOnTime = step ? step.status === 'done' && step.at !== undefined && Date.parse(step.at) <= by : true
        const decisionOnTime = expects.decision ? (drill!.decisions[inject.id] ?? []).some((d) => Date.parse(d.at) <= by) : true
        outcome = stepOnTime && decisionOnTime ? 'expected response in time' : 'expected response late or missing'
        if (stepOnTime && decisionOnTime) wentWell.push(`The team answered "${inject.title}" in time.`)
        else {
          improve.push(
            `"${inject.title}": expected ${expected} within ${expects.within.replace('+', '')}; ${stepOnTime ? 'the decision' : 'the step'} came late or not at all.`,
          )
          plan.push({action: `Rehearse the response to "${inject.title}" (${expected}).`, owner: owner(step?.step.owner ?? 'incident-commander'), due: planDue})
        }
      }
      return {id: inject.id, title: inject.title, from: inject.from, at: at.toISOString(), decisions, expected, outcome}
    })

  const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
  const timeline = events
    .filter((e) => e.type !== 'regulations.evaluated')
    .map((e) => ({when: e.occurredAt ?? e.recordedAt, who: e.actor, what: describeEvent(e, titles)}))
    .sort((a, b) => Date.parse(a.when) - Date.parse(b.when))

  const phases = report.phases.map((p) => {
    const done = state.steps.filter((s) => s.step.phase === p.phase && s.status === 'done' && s.at).map((s) => Date.parse(s.at!))
    const first = done.length ? Math.min(...done) : null
    return {
      title: p.title,
      done: p.done,
      total: p.total,
      firstDoneAt: first ? new Date(first).toISOString() : null,
      // A step recorded as done before the start (--at) read as "-29m": said in words.
      sinceStart:
        first === null
          ? null
          : first < Date.parse(startedAt)
            ? `${formatElapsed(Date.parse(startedAt) - first)} before the start`
            : formatElapsed(first - Date.parse(startedAt)),
    }
  })
  const named = drill?.participants ?? []
  const actors = events.map((e) => e.actor).filter((a) => a !== 'scenario' && a !== 'facilitator' && !a.startsWith('inject:'))
  const participants = [...new Set([...actors, ...named.map((p) => p.name)])]
  const roles = drill ? PARTICIPANT_ROLES.map((role) => ({role, title: ROLE_NAMES[role], names: named.filter((p) => p.role === role).map((p) => p.name)})) : []
  const withoutRole = drill ? participants.filter((name) => !named.some((p) => p.name === name)) : []
  const ratings = (drill?.scenario.objectives ?? []).map((text, i) => {
    const r = drill!.ratings[i + 1]
    if (r?.rating === 'P') wentWell.push(`Objective ${i + 1} was performed without challenges: ${text}`)
    if (r && (r.rating === 'M' || r.rating === 'U')) {
      improve.push(`Objective ${i + 1} was rated ${r.rating} (${RATINGS[r.rating].toLowerCase()}): ${text}${r.note ? ` (${r.note})` : ''}`)
      plan.push({action: `Close the gap on objective ${i + 1} ("${text}") and exercise it again.`, owner: owner('incident-commander'), due: planDue})
    }
    return {objective: i + 1, text, rating: r?.rating ?? null, meaning: r ? RATINGS[r.rating] : null, note: r?.note ?? null, by: r?.actor ?? null}
  })
  return {
    title: drill ? drill.scenario.title : state.title,
    incidentId: state.id,
    exercise: Boolean(drill),
    scenario: drill
      ? {id: drill.scenario.id, title: drill.scenario.title, description: drill.scenario.description, situation: drill.scenario.situation}
      : undefined,
    objectives: drill?.scenario.objectives ?? [],
    startedAt,
    endedAt,
    participants,
    roles,
    withoutRole,
    ratings,
    hotwash: (drill?.debrief ?? []).map((n) => ({text: n.text, by: n.actor})),
    phases,
    metrics: {
      stepsDone: state.steps.filter((s) => s.status === 'done').length,
      stepsSkipped: state.steps.filter((s) => s.status === 'skipped').length,
      stepsLate: report.pastTarget.length,
      stepsOpen: state.steps.filter((s) => s.applies !== 'no' && (s.status === 'open' || s.status === 'in-progress' || s.status === 'blocked')).length,
      deadlinesMetOnTime: deadlines.filter((d) => d.status === 'met-on-time').length,
      deadlinesMetLate: deadlines.filter((d) => d.status === 'met-late').length,
      deadlinesMissed: deadlines.filter((d) => d.status === 'missed').length,
      injects: injects.length,
      injectsAnswered: injects.filter((i) => i.decisions.length > 0).length,
    },
    deadlines,
    injects,
    wentWell,
    improve,
    plan,
    timeline,
    evidence: state.evidence.map((item) => ({
      id: item.id,
      name: item.name,
      description: item.description ?? null,
      source: item.source ?? null,
      sha256: item.sha256,
      bytes: item.bytes,
      custodian: item.custodian,
      custody: item.custody.map((c) => ({at: c.at, from: c.from ?? null, to: c.to, reason: c.reason ?? null, recordedBy: c.actor})),
    })),
  }
}
