import {userInfo} from 'node:os'
import type {IncidentStore} from '../store/incidents.js'
import {workspaceStore} from '../store/select.js'
import {findWorkspace, type Workspace} from '../store/workspace.js'
import {readUserConfig, type UserConfigReading} from '../store/user-config.js'
import {processIO, type IO} from '../ui/io.js'
import {terminalPrompter, type Prompter} from '../ui/prompts.js'
import {processLauncher, type Launcher} from '../ui/launch.js'
import {machineClock} from './clock.js'
import type {Identity} from '../core/workspace/identity.js'

export type {ActorSource, Identity} from '../core/workspace/identity.js'

/**
 * What every use case runs with: where (the workspace and its store), when (the clock), who (the actor) and how
 * to talk to the person (io, prompts). Commands build one; tests build their own with a fixed clock and buffers.
 */
export interface Context {
  readonly workspace: Workspace
  readonly store: IncidentStore
  now(): Date
  /** The name recorded as the actor of what this command records (see identity()). */
  readonly actor: string
  /** The actor and where the name came from; read on first use. */
  identity(): Identity
  readonly io: IO
  readonly prompter: Prompter
  /** Opens files in the person's editor or viewer (at a terminal, where there is a display). */
  readonly launcher: Launcher
  /** The environment the command runs in (RUNBOOK_*, XDG_*, EDITOR ...); tests give their own. */
  readonly env: NodeJS.ProcessEnv
  /**
   * --expect-seq: what this command records must follow event #N, the last one its caller read; if anyone recorded
   * since, it is refused (nothing written) with what they recorded.
   */
  readonly expectSeq?: number
  /** Says something on stderr that is not the command's output (a note, a warning). */
  notice(line: string): void
  /** Lets go of what the run opened (a database connection), so the process can end. */
  close?(): Promise<void>
}

export interface ContextOptions {
  workspaceFlag?: string
  actorFlag?: string
  env?: NodeJS.ProcessEnv
  io?: IO
  now?: () => Date
  prompter?: Prompter
  launcher?: Launcher
  /** Told when the workspace was created because something was recorded in it. */
  onCreated?: (root: string) => void
  /** The user's config file as read before the command ran (see userSettingsFor). */
  userConfig?: UserConfigReading
  /** --expect-seq (see Context). */
  expectSeq?: number
}

/** The OS login name: the last resort, and often `root` in a container. */
export function loginName(): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Who is acting: --as, else RUNBOOK_ACTOR, else `actor` in the user's config file, else the OS login name. A config
 * file that does not validate stops the command (named with its line) rather than recording a silent `root`.
 */
export function actorFrom(flag: string | undefined, env: NodeJS.ProcessEnv, user?: UserConfigReading): Identity {
  if (flag?.trim()) return {actor: flag.trim(), source: 'flag'}
  if (env.RUNBOOK_ACTOR?.trim()) return {actor: env.RUNBOOK_ACTOR.trim(), source: 'env'}
  if (user?.problem) throw user.problem
  if (user?.config.actor) return {actor: user.config.actor, source: 'config', configFile: user.file}
  return {actor: loginName(), source: 'login', ...(user ? {configFile: user.file} : {})}
}

/** Reads the user's config when it can matter (no RUNBOOK_ACTOR): before the command runs, as it is asynchronous. */
export async function userSettingsFor(env: NodeJS.ProcessEnv): Promise<UserConfigReading | undefined> {
  return env.RUNBOOK_ACTOR?.trim() ? undefined : readUserConfig(env)
}

const advised = new WeakSet<Context>()

/** Before something is recorded under the login name: says once per command how to record a real name instead. */
export function adviseOnActor(ctx: Context): void {
  if (advised.has(ctx) || ctx.identity().source !== 'login') return
  advised.add(ctx)
  ctx.notice(
    ctx.io.errStyle.yellow(
      `Recording as "${ctx.actor}" (your login name). Say who you are once with: runbook whoami --set "Your Name" (or set RUNBOOK_ACTOR, or pass --as).`,
    ),
  )
}

/** A context whose workspace and store are found on first use: commands that need neither never touch the disk. */
export function createContext(options: ContextOptions = {}): Context {
  const env = options.env ?? process.env
  const io = options.io ?? processIO(env)
  const now = options.now ?? machineClock
  let workspace: Workspace | undefined
  let store: IncidentStore | undefined
  let identity: Identity | undefined
  const identify = () => (identity ??= actorFrom(options.actorFlag, env, options.userConfig))
  const findIt = () => {
    if (!workspace) {
      workspace = findWorkspace({flag: options.workspaceFlag, env, onCreated: options.onCreated})
    }
    return workspace
  }
  return {
    get workspace() {
      return findIt()
    },
    get store() {
      store ??= workspaceStore(findIt, env, now)
      return store
    },
    now,
    get actor() {
      return identify().actor
    },
    identity: identify,
    env,
    io,
    prompter: options.prompter ?? terminalPrompter(),
    launcher: options.launcher ?? processLauncher(io, env),
    ...(options.expectSeq !== undefined ? {expectSeq: options.expectSeq} : {}),
    notice: (line) => {
      io.stderr.write(`${line}\n`)
    },
    close: async () => {
      await store?.close()
    },
  }
}
