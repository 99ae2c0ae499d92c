/// <reference types="vite/client" />
import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Config} from '@oclif/core/config'
import type {Prompter} from '../../src/ui/prompts.js'
import {BaseCommand} from '../../src/cli/base-command.js'
import {bufferIO} from '../../src/ui/io.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BIN = join(ROOT, 'bin', 'run.cjs')

export function tempDir(prefix = 'runbook-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  workspace?: string
  env?: Record<string, string | undefined>
  cwd?: string
  /** A clock for the run (default: the machine's). */
  now?: () => Date
  /** Answers for prompts; without one the run has no terminal and must not ask. */
  prompter?: Prompter
  /** What standard input holds (piped in); without it, the command has none. */
  stdin?: string
}

// The commands from src/, loaded by vitest as the tests import them: a test never runs a stale build.
type CommandModule = {default: {run(argv: string[], config: Config): Promise<unknown>}}
const COMMANDS = import.meta.glob<CommandModule>('../../src/commands/**/*.ts')
const BY_ID = new Map(
  Object.entries(COMMANDS).map(([path, load]) => [
    path
      .replace(/^.*src\/commands\//, '')
      .replace(/\.ts$/, '')
      .split('/')
      .join(' '),
    load,
  ]),
)

let config: Promise<Config> | undefined

/** Finds the command an argv names ("incident open ..."), the longest match first, as oclif does with spaces. */
function commandFor(args: string[]): {load: () => Promise<CommandModule>; rest: string[]} | undefined {
  for (let n = Math.min(args.length, 3); n > 0; n--) {
    const load = BY_ID.get(args.slice(0, n).join(' '))
    if (load) return {load, rest: args.slice(n)}
  }
  return undefined
}

/**
 * Runs a runbook command in this process, as a user would run it without a terminal: the same parsing, the same
 * error path and exit code, output captured. About a hundred times faster than starting the CLI, so the suite can
 * afford to test every path; `spawnCli` remains for exit codes of the real process, signals and the terminal.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const found = commandFor(args)
  // Help and --version belong to oclif's own runner: the real process shows them.
  if (!found || args.includes('--help') || args.includes('-h')) return spawnCli(args, options)
  const io = bufferIO({canPrompt: Boolean(options.prompter), ...(options.stdin !== undefined ? {stdin: options.stdin} : {})})
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', RUNBOOK_ACTOR: 'tester', ...options.env}
  if (options.workspace) env.RUNBOOK_WORKSPACE = options.workspace
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
  const cwd = process.cwd()
  const exitCode = process.exitCode
  BaseCommand.contextOverrides = {io, env, ...(options.now ? {now: options.now} : {}), ...(options.prompter ? {prompter: options.prompter} : {})}
  let code: number
  let stderr = ''
  try {
    if (options.cwd) process.chdir(options.cwd)
    process.exitCode = undefined
    config ??= Config.load(ROOT)
    const {default: Command} = await found.load()
    await Command.run(found.rest, await config)
    code = typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    const oclif = (error as {oclif?: {exit?: number}}).oclif
    code = oclif?.exit ?? 1
    // Our own errors were printed by the command; oclif's (a missing flag, a bad option) are printed here as its
    // runner would.
    if (!(error as Error).message.startsWith('EEXIT')) stderr = `Error: ${(error as Error).message}\n`
  } finally {
    BaseCommand.contextOverrides = undefined
    process.exitCode = exitCode
    if (options.cwd) process.chdir(cwd)
  }
  return {code, stdout: io.out(), stderr: io.err() + stderr}
}

export async function runJson<T = unknown>(args: string[], options: CliOptions = {}): Promise<T> {
  const result = await runCli([...args, '--json'], options)
  if (result.code !== 0) throw new Error(`runbook ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`)
  return JSON.parse(result.stdout) as T
}

/** Runs the built CLI as its own process, with no terminal: for exit codes, signals and start-up. */
export function spawnCli(
  args: string[],
  options: {workspace?: string; env?: Record<string, string | undefined>; cwd?: string; input?: string} = {},
): CliResult {
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', RUNBOOK_ACTOR: 'tester', ...options.env}
  if (options.workspace) env.RUNBOOK_WORKSPACE = options.workspace
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 20_000,
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}
