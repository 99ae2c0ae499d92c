import {offsetToMs} from '../core/drills/clock.js'
import {injectTime} from '../core/drills/injects.js'
import {previewDrill} from '../core/drills/preview.js'
import {PARTICIPANT_ROLES, type Scenario} from '../core/drills/schema.js'
import {isValidTimeZone} from '../core/time/zone.js'
import {UserError} from '../core/errors.js'
import {renderHandout, type Handout} from '../render/report.js'
import {writeFileAtomic} from '../store/files.js'
import {findPlaybook} from '../store/playbooks.js'
import {findScenario} from '../store/scenarios.js'
import {templateSearchPaths} from '../store/templates.js'
import type {Context} from './context.js'
import type {Audience, Expectation} from './drill-control.js'
import {filledScenario} from './scenario-text.js'

export interface ScenarioPreview {
  scenario: {id: string; title: string; description: string; playbook: string; length: string; highRisk: boolean}
  /** The start the texts are filled for (as if the drill started now), and the zone shown. */
  start: string
  zone: string
  situation: string
  objectives: {number: number; text: string}[]
  /** The inject schedule; what each expects only for the facilitator. */
  injects: {id: string; at: string; dueAt: string; from: string; title: string; message: string; sets: string[]; expects?: Expectation | null}[]
}

/** The scenario played through on paper from `start`, with its texts filled for this workspace. */
async function played(
  ctx: Context,
  scenarioId: string,
  tz?: string,
): Promise<{scenario: Scenario; filled: Scenario; start: Date; zone: string; state: ReturnType<typeof previewDrill>}> {
  const scenario = await findScenario(scenarioId, ctx.workspace.root)
  const zone = tz ?? (await ctx.workspace.config()).organization.timezone
  if (!isValidTimeZone(zone)) throw new UserError(`"${zone}" is not a time zone; use an IANA name such as Europe/Berlin`)
  const {playbook} = findPlaybook(scenario.playbook, ctx.workspace.root)
  const start = ctx.now()
  const state = previewDrill({scenario, playbook, timezone: zone, simStart: start.toISOString()})
  return {scenario, filled: await filledScenario(ctx, state), start, zone, state}
}

/** `runbook drill show`: situation, objectives and the inject schedule as if the drill started now. */
export async function scenarioPreview(ctx: Context, scenarioId: string, options: {audience: Audience; tz?: string}): Promise<ScenarioPreview> {
  const {scenario, filled, start, zone, state} = await played(ctx, scenarioId, options.tz)
  return {
    scenario: {
      id: scenario.id,
      title: scenario.title,
      description: filled.description,
      playbook: scenario.playbook,
      length: scenario.length,
      highRisk: scenario.high_risk,
    },
    start: start.toISOString(),
    zone,
    situation: filled.situation.trim(),
    objectives: filled.objectives.map((text, i) => ({number: i + 1, text})),
    injects: filled.injects.map((inject) => {
      const due = injectTime(state, inject)
      const expects = inject.expects
      return {
        id: inject.id,
        at: inject.at.replace(/^\+/, ''),
        dueAt: due.toISOString(),
        from: inject.from,
        title: inject.title,
        message: inject.message.trim(),
        sets: Object.keys(inject.sets ?? {}),
        ...(options.audience === 'facilitator'
          ? {
              expects: expects
                ? {
                    ...(expects.step ? {step: expects.step} : {}),
                    ...(expects.decision ? {decision: expects.decision} : {}),
                    within: expects.within.replace(/^\+/, ''),
                    by: new Date(due.getTime() + offsetToMs(expects.within)).toISOString(),
                  }
                : null,
            }
          : {}),
      }
    }),
  }
}

/** `runbook drill handout`: what participants get on paper: situation, objectives, roles and rules; no injects, nothing expected. */
export async function scenarioHandout(
  ctx: Context,
  scenarioId: string,
  options: {format: 'md' | 'html'; out?: string; tz?: string},
): Promise<{handout: Handout; output: string}> {
  const {scenario, filled, start, zone} = await played(ctx, scenarioId, options.tz)
  const config = await ctx.workspace.config()
  const handout: Handout = {
    title: scenario.title,
    org: config.organization.name,
    description: filled.description.trim(),
    situation: filled.situation.trim(),
    objectives: filled.objectives,
    length: scenario.length,
    playbook: scenario.playbook,
    start: start.toISOString(),
    roles: [...PARTICIPANT_ROLES],
  }
  const output = renderHandout(handout, {searchPaths: templateSearchPaths(ctx.workspace.root), zone, format: options.format, orgName: config.organization.name})
  if (options.out) writeFileAtomic(options.out, output)
  return {handout, output}
}
