/** Where the name the record carries came from, strongest first: --as, RUNBOOK_ACTOR, the user's config, the login name. */
export type ActorSource = 'flag' | 'env' | 'config' | 'login'

export interface Identity {
  actor: string
  source: ActorSource
  /** The user's config file (whether or not it exists), when it was looked at. */
  configFile?: string
}

/** `runbook whoami`: the name recorded, where it came from, and every source in the order they count. */
export interface WhoAmI {
  actor: string
  source: ActorSource
  configFile: string
  sources: {flag: string | null; env: string | null; config: string | null; login: string}
  /** The config file's problem, when a stronger source made it not matter. */
  configProblem: string | null
}

/** What each source is called, for messages. */
export const ACTOR_SOURCE_NAMES: Record<ActorSource, string> = {
  flag: '--as',
  env: 'RUNBOOK_ACTOR',
  config: 'your runbook config file',
  login: 'your login name',
}
