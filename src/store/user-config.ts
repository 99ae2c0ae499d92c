import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {isAbsolute, join} from 'node:path'
import {sha256} from '../core/incident/chain.js'
import {UserError} from '../core/errors.js'
import {formatProblem} from '../core/content/format.js'
import type {UserConfig} from '../core/workspace/user-config.js'
import {writeCacheFile, writeFileAtomic} from './files.js'

/** $XDG_CONFIG_HOME/runbook/config.yaml, else ~/.config/runbook/config.yaml (a relative XDG path is ignored, as the spec says). */
export function userConfigFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home(env), '.config')
  return join(base, 'runbook', 'config.yaml')
}

/** The validated copy of the config file, so a command does not load the YAML parser and the schemas to learn a name. */
function cacheFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home(env), '.cache')
  return join(base, 'runbook', 'user-config.json')
}

const home = (env: NodeJS.ProcessEnv): string => (env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir())

/** The user's config as found: absent (an empty config), valid, or a problem that names the file and line. */
export type UserConfigReading = {file: string; exists: boolean; config: UserConfig; problem?: undefined} | {file: string; problem: UserError}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new UserError(`could not read your runbook config ${file} (${code === 'EISDIR' ? 'it is a folder' : (code ?? 'unknown error')})`, {
      hint: `Make ${file} a readable file, or remove it.`,
    })
  }
}

/** Reads and validates the user's config file; never throws (a command that does not need it must not fail on it). */
export async function readUserConfig(env: NodeJS.ProcessEnv): Promise<UserConfigReading> {
  const file = userConfigFile(env)
  try {
    const text = readText(file)
    if (text === undefined) return {file, exists: false, config: {}}
    return {file, exists: true, config: await validate(env, file, text)}
  } catch (error) {
    if (error instanceof UserError) return {file, problem: error}
    throw error
  }
}

async function validate(env: NodeJS.ProcessEnv, file: string, text: string): Promise<UserConfig> {
  const hash = sha256(text)
  const cache = cacheFile(env)
  try {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as {file: string; sha256: string; config: UserConfig}
    if (cached.sha256 === hash && cached.file === file) return cached.config
  } catch {
    // No cache yet, or an unreadable one: validate afresh.
  }
  const [{parseYamlWith}, {userConfigFileSchema}] = await Promise.all([import('../core/content/yaml-source.js'), import('../core/workspace/user-config.js')])
  const result = parseYamlWith(userConfigFileSchema, text, file)
  if (!result.ok) {
    throw new UserError(`your runbook config is not valid:\n${result.problems.map(formatProblem).join('\n')}`, {
      hint: `Fix ${file} (or remove it and run \`runbook whoami --set "Your Name"\`), or say who you are with --as or RUNBOOK_ACTOR.`,
    })
  }
  remember(env, file, hash, result.value)
  return result.value
}

function remember(env: NodeJS.ProcessEnv, file: string, hash: string, config: UserConfig): void {
  try {
    writeCacheFile(cacheFile(env), JSON.stringify({file, sha256: hash, config}))
  } catch {
    // A read-only home still works, just without the cache.
  }
}

/**
 * Sets `actor` in the user's config file, keeping whatever else (comments included) the file holds. Written whole
 * or not at all, mode 0600 in a 0700 folder. A file that does not parse is named with its line and left alone.
 */
export async function writeUserActor(env: NodeJS.ProcessEnv, name: string): Promise<{file: string; actor: string}> {
  const [{isMap, parseDocument, stringify}, {parseYamlWith}, {actorNameSchema, userConfigFileSchema, USER_CONFIG_HEADER}] = await Promise.all([
    import('yaml'),
    import('../core/content/yaml-source.js'),
    import('../core/workspace/user-config.js'),
  ])
  const checked = actorNameSchema.safeParse(name)
  if (!checked.success) throw new UserError(`--set: ${checked.error.issues[0]!.message}`)
  const file = userConfigFile(env)
  const before = readText(file)
  if (before !== undefined) {
    // The existing file must be valid first: runbook does not rewrite a file it cannot read.
    const current = parseYamlWith(userConfigFileSchema, before, file)
    if (!current.ok) {
      throw new UserError(`your runbook config is not valid, so runbook left it as it is:\n${current.problems.map(formatProblem).join('\n')}`, {
        hint: `Fix ${file} or remove it, then run the command again.`,
      })
    }
  }
  let text: string
  const doc = before === undefined ? undefined : parseDocument(before)
  if (doc && isMap(doc.contents)) {
    doc.set('actor', checked.data)
    text = doc.toString()
  } else {
    // A new file (or one with only comments): the header, then the setting.
    text = `${before?.trimEnd() ? `${before.trimEnd()}\n` : USER_CONFIG_HEADER}${stringify({actor: checked.data})}`
  }
  const after = parseYamlWith(userConfigFileSchema, text, file)
  if (!after.ok) throw new UserError(`runbook could not write a valid config:\n${after.problems.map(formatProblem).join('\n')}`)
  writeFileAtomic(file, text)
  remember(env, file, sha256(text), after.value)
  return {file, actor: checked.data}
}
