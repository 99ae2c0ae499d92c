import {readUserConfig, writeUserActor} from '../store/user-config.js'
import type {WhoAmI} from '../core/workspace/identity.js'
import {actorFrom, loginName, type Context} from './context.js'

export async function whoAmI(ctx: Context, input: {as?: string}): Promise<WhoAmI> {
  const reading = await readUserConfig(ctx.env)
  // A broken config file stops here too when it would decide the name: named with its line.
  const identity = actorFrom(input.as, ctx.env, reading)
  return {
    actor: identity.actor,
    source: identity.source,
    configFile: reading.file,
    sources: {
      flag: input.as?.trim() || null,
      env: ctx.env.RUNBOOK_ACTOR?.trim() || null,
      config: reading.problem ? null : (reading.config.actor ?? null),
      login: loginName(),
    },
    configProblem: reading.problem ? reading.problem.message : null,
  }
}

/** `runbook whoami --set NAME`: keeps the name in the user's config file; says when a stronger source still wins. */
export async function setActor(ctx: Context, input: {name: string; as?: string}): Promise<WhoAmI & {saved: string}> {
  const {actor: saved} = await writeUserActor(ctx.env, input.name)
  return {...(await whoAmI(ctx, {as: input.as})), saved}
}
