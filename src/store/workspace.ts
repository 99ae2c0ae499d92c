import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {UserError} from '../core/errors.js'
import {formatProblem} from '../core/content/format.js'
import type {WorkspaceConfig} from '../core/workspace/config.js'
import {ensurePrivateDir, FILE_MODE, readTextFile, writeCacheFile, writeFileAtomic} from './files.js'
import {sha256} from '../core/incident/chain.js'

export const CONFIG_FILE = 'runbook.yaml'
/** Derived files runbook can rebuild at any time (safe to delete, worth ignoring in git). */
export const CACHE_DIR = '.runbook-cache'

export interface Workspace {
  root: string
  /** runbook.yaml, read and validated on first use: most commands never need it, so they never load the parser. */
  config(): Promise<WorkspaceConfig>
  /** How it was found, for messages. */
  source: 'flag' | 'env' | 'ancestor' | 'default'
  /**
   * True while the folder (or its runbook.yaml) does not exist yet: reading commands see an empty workspace with the
   * starter settings and write nothing; the first command that records something creates it (`materialize`).
   */
  readonly pending: boolean
  /** Creates the workspace if it is pending; true when this call created it. */
  materialize(): boolean
}

export interface FindOptions {
  flag?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Told when the workspace is created because something is first recorded in it. */
  onCreated?: (root: string) => void
}

/** The default workspace when none is named or found: $XDG_DATA_HOME/runbook, else ~/.local/share/runbook. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share')
  return join(base, 'runbook')
}

/** Finds the workspace: --workspace, else RUNBOOK_WORKSPACE, else the nearest runbook.yaml upwards, else the default. */
export function findWorkspace(options: FindOptions = {}): Workspace {
  const env = options.env ?? process.env
  if (options.flag) return openWorkspace(resolve(options.flag), 'flag', '--workspace', options.onCreated)
  if (env.RUNBOOK_WORKSPACE) return openWorkspace(resolve(env.RUNBOOK_WORKSPACE), 'env', 'RUNBOOK_WORKSPACE', options.onCreated)
  let dir = resolve(options.cwd ?? process.cwd())
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return workspaceAt(dir, 'ancestor', false)
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  const root = defaultWorkspaceDir(env)
  return workspaceAt(root, 'default', !existsSync(join(root, CONFIG_FILE)), options.onCreated)
}

function openWorkspace(root: string, source: 'flag' | 'env', named: string, onCreated?: (root: string) => void): Workspace {
  if (existsSync(join(root, CONFIG_FILE))) return workspaceAt(root, source, false)
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new UserError(`${root} (from ${named}) is not a runbook workspace: it has no ${CONFIG_FILE}`, {
      hint: `Point ${named} at a folder with ${CONFIG_FILE}, or run \`runbook init ${root}\` to make one.`,
    })
  }
  // An empty or missing folder becomes a workspace when something is first recorded: scripts can name a fresh folder.
  return workspaceAt(root, source, true, onCreated)
}

function workspaceAt(root: string, source: Workspace['source'], pending: boolean, onCreated?: (root: string) => void): Workspace {
  let config: Promise<WorkspaceConfig> | undefined
  return {
    root,
    source,
    get pending() {
      return pending
    },
    materialize() {
      if (!pending) return false
      createWorkspace(root)
      pending = false
      onCreated?.(root)
      return true
    },
    config() {
      config ??= pending ? starterConfig() : readConfig(root)
      return config
    },
  }
}

/** The settings of a workspace that does not exist yet: those its runbook.yaml will start with. */
async function starterConfig(): Promise<WorkspaceConfig> {
  const [{parseYamlWith}, {workspaceConfigSchema}] = await Promise.all([import('../core/content/yaml-source.js'), import('../core/workspace/config.js')])
  const result = parseYamlWith(workspaceConfigSchema, STARTER_CONFIG, CONFIG_FILE)
  if (!result.ok) throw new Error('the starter runbook.yaml does not validate')
  return result.value
}

const STARTER_CONFIG = `# runbook workspace. Edit freely; \`runbook init\` can write a fuller one.
organization:
  name: Example Organisation
  timezone: UTC
  locales: [en]
`

export function createWorkspace(root: string, configText = STARTER_CONFIG): void {
  ensurePrivateDir(root)
  ensurePrivateDir(join(root, 'incidents'))
  const path = join(root, CONFIG_FILE)
  if (!existsSync(path)) writeFileSync(path, configText, {mode: FILE_MODE})
}

const CONFIG_CACHE = 'runbook.yaml.json'

/** The validated runbook.yaml kept under the hash of the bytes it was validated from, if those are `hash`. */
function cachedConfigFor(root: string, hash: string): WorkspaceConfig | undefined {
  try {
    const cached = JSON.parse(readFileSync(cachePath(root, CONFIG_CACHE), 'utf8')) as {sha256: string; config: WorkspaceConfig}
    return cached.sha256 === hash ? cached.config : undefined
  } catch {
    // No cache yet, or an unreadable one.
    return undefined
  }
}

/**
 * runbook.yaml's text, or undefined where the workspace has none. Read as every settings file is (store/files.ts):
 * a pipe or a device in its place is refused with a message, where a plain read would wait on it for ever.
 */
export function configText(root: string): string | undefined {
  const file = join(root, CONFIG_FILE)
  return existsSync(file) ? readTextFile(file, 'settings file') : undefined
}

/** runbook.yaml as last validated, without loading the parser; undefined when it changed since (or was never read). */
export function cachedConfig(root: string): WorkspaceConfig | undefined {
  const text = configText(root)
  return text === undefined ? undefined : cachedConfigFor(root, sha256(text))
}

/**
 * Reads and validates runbook.yaml. The validated result is kept in .runbook-cache/ under the hash of the file's
 * bytes, so commands that only need a setting do not load the YAML parser and the schemas on every run.
 */
export async function readConfig(root: string): Promise<WorkspaceConfig> {
  const file = join(root, CONFIG_FILE)
  const text = readTextFile(file, 'settings file')
  const hash = sha256(text)
  const cached = cachedConfigFor(root, hash)
  if (cached) return cached
  const [{parseYamlWith}, {workspaceConfigSchema}] = await Promise.all([import('../core/content/yaml-source.js'), import('../core/workspace/config.js')])
  const result = parseYamlWith(workspaceConfigSchema, text, file)
  if (!result.ok) {
    throw new UserError(`${CONFIG_FILE} is not valid:\n${result.problems.map(formatProblem).join('\n')}`, {hint: `Fix ${file} and try again.`})
  }
  try {
    writeCacheFile(cachePath(root, CONFIG_CACHE), JSON.stringify({sha256: hash, config: result.value}))
  } catch {
    // A read-only workspace still works, just without the cache.
  }
  return result.value
}

/**
 * Writes a team workspace: runbook.yaml, the content folders with their READMEs, incidents/, and a .gitignore for
 * the cache. Every file is written whole or not at all (an existing README or .gitignore is kept).
 */
export function writeWorkspaceLayout(dir: string, configText: string, readmes: Readonly<Record<string, string>>): void {
  ensurePrivateDir(dir)
  writeFileAtomic(join(dir, CONFIG_FILE), configText)
  for (const [folder, readme] of Object.entries(readmes)) {
    ensurePrivateDir(join(dir, folder))
    if (!existsSync(join(dir, folder, 'README.md'))) writeFileAtomic(join(dir, folder, 'README.md'), readme)
  }
  ensurePrivateDir(join(dir, 'incidents'))
  // The cache is derived and rebuilt at will: keep it out of a team's repository.
  if (!existsSync(join(dir, '.gitignore'))) writeFileAtomic(join(dir, '.gitignore'), `${CACHE_DIR}/\n`)
}

export function cachePath(root: string, name: string): string {
  return join(root, CACHE_DIR, name)
}

export function incidentsDir(workspace: Workspace): string {
  return join(workspace.root, 'incidents')
}
