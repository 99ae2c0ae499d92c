import {userInfo} from 'node:os'
import type {IncidentStore} from '../store/incidents.js'
import {workspaceStore} from '../store/select.js'
import {findWorkspace, type Workspace} from '../store/workspace.js'
import {processIO, type IO} from '../ui/io.js'
import {terminalPrompter, type Prompter} from '../ui/prompts.js'
import {machineClock} from './clock.js'

/**
 * What every use case runs with: where (the workspace and its store), when (the clock), who (the actor) and how
 * to talk to the person (io, prompts). Commands build one; tests build their own with a fixed clock and buffers.
 */
export interface Context {
  readonly workspace: Workspace
  readonly store: IncidentStore
  now(): Date
  readonly actor: string
  readonly io: IO
  readonly prompter: Prompter
  /** Says something on stderr that is not the command's output (a note, a warning). */
  notice(line: string): void
  /** Lets go of what the run opened (a database connection), so the process can end. */
  close?(): Promise<void>
  /** The environment the run was started with (where the store is chosen from). */
  readonly env?: NodeJS.ProcessEnv
}

export interface ContextOptions {
  workspaceFlag?: string
  actorFlag?: string
  env?: NodeJS.ProcessEnv
  io?: IO
  now?: () => Date
  prompter?: Prompter
  /** Told when finding the workspace created it. */
  onCreated?: (root: string) => void
}

/** Who is acting: --as, else RUNBOOK_ACTOR, else the OS user. */
export function actorFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag?.trim()) return flag.trim()
  if (env.RUNBOOK_ACTOR?.trim()) return env.RUNBOOK_ACTOR.trim()
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

/** A context whose workspace and store are found on first use: commands that need neither never touch the disk. */
export function createContext(options: ContextOptions = {}): Context {
  const env = options.env ?? process.env
  const io = options.io ?? processIO(env)
  const now = options.now ?? machineClock
  let workspace: Workspace | undefined
  let store: IncidentStore | undefined
  const findIt = () => {
    if (!workspace) {
      workspace = findWorkspace({flag: options.workspaceFlag, env})
      if (workspace.created) options.onCreated?.(workspace.root)
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
    actor: actorFrom(options.actorFlag, env),
    io,
    prompter: options.prompter ?? terminalPrompter(),
    notice: (line) => {
      io.stderr.write(`${line}\n`)
    },
    close: async () => {
      await store?.close()
    },
    env,
  }
}
