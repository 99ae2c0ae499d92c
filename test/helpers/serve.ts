import {spawn, type ChildProcess} from 'node:child_process'
import {createContext} from '../../src/app/context.js'
import {startServer, type RunningServer, type ServeOptions} from '../../src/app/serve/server.js'
import {bufferIO} from '../../src/ui/io.js'
import {BIN, ROOT} from './cli.js'

/** A server run in this process on a workspace, as `runbook serve` would start it; stderr notes kept. */
export async function serveInProcess(workspace: string, options: ServeOptions = {}): Promise<RunningServer & {notes: () => string}> {
  const io = bufferIO()
  const ctx = createContext({workspaceFlag: workspace, env: {...process.env, RUNBOOK_ACTOR: 'facilitator'}, io})
  const server = await startServer(ctx, options)
  return {...server, notes: () => io.err()}
}

export const linkFor = (server: {info: {links: {label: string; url: string}[]}}, label: string): URL => {
  const link = server.info.links.find((l) => l.label === label)
  if (!link) throw new Error(`no "${label}" link among ${server.info.links.map((l) => l.label).join(', ')}`)
  return new URL(link.url)
}

/** The URL without its token: what a page's own requests (assets, stream, actions) go to. */
export const bare = (url: URL, path = url.pathname): string => `${url.origin}${path}`

export interface SpawnedServe {
  child: ChildProcess
  /** label -> URL, as printed. */
  links: Map<string, string>
  stdout: () => string
  stderr: () => string
  /** Sends Ctrl-C (SIGINT) and waits for the exit. */
  stop(): Promise<number | null>
}

/** `runbook serve` as its own process (the built CLI), once it has printed its links. */
export async function spawnServe(args: string[], options: {workspace: string; env?: Record<string, string>}): Promise<SpawnedServe> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: ROOT,
    env: {...process.env, NO_COLOR: '1', RUNBOOK_ACTOR: 'facilitator', RUNBOOK_WORKSPACE: options.workspace, ...options.env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runbook serve printed no link within 15 s:\n${out}\n${err}`)), 15_000)
    const check = () => {
      if (/Stop with Ctrl-C/.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`runbook serve exited (${code}) before printing its links:\n${out}\n${err}`))
    })
  })
  const links = new Map([...out.matchAll(/^\s+(\S+)\s+(http:\/\/\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
  return {
    child,
    links,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT')
      return exited
    },
  }
}
