import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BIN = join(ROOT, 'bin', 'run.js')

export function tempDir(prefix = 'runbook-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the built CLI as a user would, with no terminal, in its own workspace. */
export function runCli(args: string[], options: {workspace?: string; env?: Record<string, string | undefined>; cwd?: string; input?: string} = {}): CliResult {
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

export function runJson<T = unknown>(args: string[], options: Parameters<typeof runCli>[1] = {}): T {
  const result = runCli([...args, '--json'], options)
  if (result.code !== 0) throw new Error(`runbook ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`)
  return JSON.parse(result.stdout) as T
}
