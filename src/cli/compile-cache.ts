import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {homedir} from 'node:os'
import {dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import vm from 'node:vm'

/**
 * V8's code cache for the bundled CLI, kept between runs. Every command used to spend 15-40 ms parsing and compiling
 * the same bundle files again (Node 20 keeps no compile cache of its own; `module.enableCompileCache` is Node 22).
 * The first run of a file compiles it as usual and, on exit, saves what V8 compiled (the functions that ran
 * included); later runs hand that back to V8, which checks it against its version and flags and compiles afresh if
 * it does not match. A cache entry is named by the file's size, modification time and inode, so a rebuilt file never
 * meets the code of the old one. Anything that goes wrong with the cache (no home, a read-only disk) only costs the
 * compile it would have saved.
 */

/**
 * Where the cache of the bundle in `scope` lives: RUNBOOK_COMPILE_CACHE, else the user's cache folder; none when
 * RUNBOOK_NO_COMPILE_CACHE is set. One folder per V8 version and architecture (another's entries would be refused and
 * overwritten) and per installed copy of runbook (each removes only its own stale entries).
 */
export function compileCacheDir(scope: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string | undefined {
  if (env.RUNBOOK_NO_COMPILE_CACHE) return undefined
  // A relative XDG_CACHE_HOME is to be ignored (XDG Base Directory spec), and an empty HOME would put the cache in
  // whatever folder the command runs in: then there is none.
  const cacheHome = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : isAbsolute(home) ? join(home, '.cache') : undefined
  const base = env.RUNBOOK_COMPILE_CACHE ? resolve(env.RUNBOOK_COMPILE_CACHE) : cacheHome && join(cacheHome, 'runbook', 'compile')
  return base ? join(base, `v8-${process.versions.v8}-${process.arch}`, fnv1a(scope)) : undefined
}

/** A short name for a path (FNV-1a, 32 bits): node:crypto would cost more to load than this saves on --version. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return hash.toString(16).padStart(8, '0')
}

interface CompiledModule {
  exports: unknown
  filename: string
  require(id: string): unknown
}

// Node's CommonJS internals used below; stable since Node 12 and what every compile-cache library hooks.
interface ModuleInternals {
  wrap(source: string): string
  _resolveFilename(request: string, parent: CompiledModule, isMain: boolean, options?: unknown): string
  _resolveLookupPaths(request: string, parent: CompiledModule): string[] | null
  _extensions: unknown
  _cache: unknown
  prototype: {_compile(this: CompiledModule, content: string, filename: string, ...rest: unknown[]): unknown}
}

/** The `require` a module's code receives, as Node builds it. */
function requireFor(module: CompiledModule, internals: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require
  const resolve = ((request: string, options?: unknown) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module)
  require.resolve = resolve
  require.main = process.mainModule
  Object.assign(require, {extensions: internals._extensions, cache: internals._cache})
  return require
}

/**
 * Compiles the CommonJS files under `scope` with the cache in `dir`. Files elsewhere (node_modules) compile as Node
 * would. What gets saved at exit: every file compiled without an accepted cache; and, on the first run of a command
 * (its own file was not cached), the shared files too, which by then hold what earlier commands compiled plus what
 * this one did. So the cache of a shared file does not stay whatever the first command after an install needed.
 */
export function installCompileCache(scope: string, dir: string): void {
  if (!onlyOurs(dir)) return
  const internals = Module as unknown as ModuleInternals
  const compile = internals.prototype._compile
  const compiled: Array<{entry: string; script: vm.Script; fromCache: boolean}> = []
  let newCommand = false
  internals.prototype._compile = function (this: CompiledModule, content: string, filename: string, ...rest: unknown[]) {
    if (!filename.startsWith(scope + sep)) return compile.call(this, content, filename, ...rest)
    const entry = cacheEntry(scope, dir, filename)
    const cachedData = entry ? readOrNothing(entry) : undefined
    // No import() may run in these files: Node 20 forgets a script's dynamic-import callback when the script comes
    // from a code cache. scripts/bundle.js turns every import() into require and refuses a bundle with one left.
    const script = new vm.Script(internals.wrap(content), {filename, ...(cachedData ? {cachedData} : {})})
    const fromCache = cachedData !== undefined && !script.cachedDataRejected
    if (entry) compiled.push({entry, script, fromCache})
    if (!fromCache && filename.startsWith(join(scope, 'commands') + sep)) newCommand = true
    const wrapper = script.runInThisContext({displayErrors: true}) as (...args: unknown[]) => unknown
    return wrapper.call(this.exports, this.exports, requireFor(this, internals), this, filename, dirname(filename))
  }
  // On exit, not at compile time: by then V8 has compiled the functions the command ran, and they are cached too.
  process.once('exit', () => {
    const toSave = compiled.filter((file) => newCommand || !file.fromCache)
    if (toSave.length === 0) return
    // A cache that cannot be written is a cache that is not used; the command's own outcome stands.
    try {
      mkdirSync(dir, {recursive: true, mode: 0o700})
    } catch {
      return
    }
    for (const {entry, script} of toSave) {
      // Written aside and renamed, so that another run never reads half an entry.
      const partial = `${entry}.${process.pid}`
      try {
        writeFileSync(partial, script.createCachedData())
        renameSync(partial, entry)
      } catch {
        rmSync(partial, {force: true})
      }
    }
    try {
      removeStale(scope, dir)
    } catch {
      // Stale entries are only disk space.
    }
  })
}

/**
 * V8 runs what a code cache holds with few checks, so a cache that someone else could write is not used: the folder
 * and the two above it (the V8 version's, and the cache's own), where they exist, must be this user's and writable
 * by nobody else. The folders runbook makes itself are 0700.
 */
function onlyOurs(dir: string): boolean {
  const uid = process.getuid?.()
  for (const folder of [dir, dirname(dir), dirname(dirname(dir))]) {
    let stats
    try {
      stats = statSync(folder)
    } catch {
      continue
    }
    if ((uid !== undefined && stats.uid !== uid) || (process.platform !== 'win32' && (stats.mode & 0o022) !== 0)) return false
  }
  return true
}

// An entry is named by the file's path in the bundle (folders joined by "~"), size, modification time and inode.
const ENTRY = /^(.+)-(\d+)-(\d+)-(\d+)$/

function cacheEntry(scope: string, dir: string, filename: string): string | undefined {
  try {
    return join(dir, entryName(relative(scope, filename), statSync(filename)))
  } catch {
    return undefined
  }
}

function entryName(path: string, {size, mtimeMs, ino}: {size: number; mtimeMs: number; ino: number}): string {
  return `${path.split(sep).join('~')}-${size}-${Math.round(mtimeMs * 1000)}-${ino}`
}

/** Entries of files that a rebuild replaced or removed: written only when something new was saved. */
function removeStale(scope: string, dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = ENTRY.exec(name)
    if (!match) continue
    let current: string | undefined
    try {
      current = entryName(match[1]!.split('~').join(sep), statSync(join(scope, ...match[1]!.split('~'))))
    } catch {
      current = undefined
    }
    if (current !== name) rmSync(join(dir, name), {force: true})
  }
}

function readOrNothing(path: string): Buffer | undefined {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}
