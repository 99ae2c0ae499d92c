#!/usr/bin/env node
// Run by `npm run build` after tsc: bundles the compiled CLI (dist/) into dist/bundle/, one file per command plus
// shared chunks, with oclif, zod, yaml, date-fns and the other pure-JavaScript libraries inside. Why: a command
// used to spend most of its start-up resolving, reading and compiling some 300 separate modules (oclif alone is
// 110 CommonJS files); a handful of files start in a fraction of that. Libraries that are native, large and used by
// one command only, or that find files of their own at run time, stay outside and load from node_modules on demand.
// The tests import src/ directly and the mail merge's writer thread runs from dist/merge/; both are unaffected.
import {readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'rolldown'
import {parseAst} from 'rolldown/parseAst'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'dist')
const OUT = join(DIST, 'bundle')

const EXTERNAL = [
  'fs-ext', // native addon
  'pg', // PostgreSQL store only
  'pg-native',
  'fastify', // runbook serve only
  'playwright-core', // PDF only
  'pdf-lib',
  'nodemailer',
  'date-holidays', // loaded through createRequire with its data files
  'markdown-it',
  'axe-core',
  'typescript', // oclif reads TypeScript sources only in development
  'ts-node',
  'tsx',
]

// oclif's modules require one another at their top (its index alone pulls in help, ux, the parser, globbing, ejs and
// debug), so a command run evaluated nearly all of oclif although it uses a fraction of it. Each top-level
// `const x_1 = require("...")` in @oclif/core becomes a stand-in that requires the module the first time anything
// is read from it (and index.js's `exports.X = __importStar(require(...))` a getter): what runs is what is used, in
// the same order of first use; `--help` still loads help the moment it needs it. Node's own modules stay as they are.
const COMMAND_ORDER = join(ROOT, 'scripts', 'command-order.js')
const LAZY_HELPER = `function __lazyRequire(load) {
  let mod
  const real = () => (mod ??= load())
  return new Proxy(() => {}, {
    get: (_, key) => real()[key],
    set: (_, key, value) => ((real()[key] = value), true),
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key)
      return d && {...d, configurable: true}
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    construct: (_, args, target) => Reflect.construct(real(), args, target),
  })
}
`
const lazyOclif = {
  name: 'lazy-oclif-requires',
  transform: {
    filter: {id: /[\\/]node_modules[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/},
    handler(code) {
      let changed = false
      const out = code
        .replace(/^(const|var) (\w+) = ((?:__importDefault|__importStar)\()?require\(("[^"]+")\)(\)?);$/gm, (_, kind, name, wrap, spec, close) => {
          changed = true
          return `${kind} ${name} = __lazyRequire(() => ${wrap ?? ''}require(${spec})${close});`
        })
        .replace(/^exports\.(\w+) = __importStar\(require\(("[^"]+")\)\);$/gm, (_, name, spec) => {
          changed = true
          return `Object.defineProperty(exports, "${name}", {enumerable: true, configurable: true, get: () => __importStar(require(${spec}))});`
        })
      // The one localeCompare on a command run (plugin.js orders the manifest's commands): see command-order.js.
      const sorted = out.replace('.sort((a, b) => a.id.localeCompare(b.id));', `.sort(require(${JSON.stringify(COMMAND_ORDER)}).commandOrder());`)
      // Config.load asks whether this is WSL on every run, through wsl-utils, whose index loads child_process and
      // fs/promises for its Windows helpers (~4 ms); the answer is is-wsl's, which wsl-utils re-exports.
      const platform = sorted.replace("(await import('wsl-utils')).isWsl ?", "(await import('is-wsl')).default ?")
      // Command.run loads the config again (Config.load(config)), and setLogger then builds a default logger, which
      // loads the debug library (tty, net, streams: ~3 ms), only for set() to drop it since a logger is set already.
      const logger = platform.replace(
        '    else {\n        set(makeLogger(OCLIF_NS));',
        "    else if (!cachedLoggers.has('root')) {\n        set(makeLogger(OCLIF_NS));",
      )
      if (logger !== out) return {code: `${logger}\n${LAZY_HELPER}`, map: null}
      return changed ? {code: `${out}\n${LAZY_HELPER}`, map: null} : null
    },
  },
}

function commandFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return commandFiles(path)
    return name.endsWith('.js') ? [path] : []
  })
}

const input = {run: join(DIST, 'cli', 'execute.js'), 'compile-cache': join(DIST, 'cli', 'compile-cache.js')}
for (const file of commandFiles(join(DIST, 'commands'))) input[relative(DIST, file).replace(/\.js$/, '')] = file

rmSync(OUT, {recursive: true, force: true})
const started = performance.now()
await build({
  input,
  platform: 'node',
  external: (id) => id.startsWith('node:') || EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`)),
  plugins: [lazyOclif],
  logLevel: 'warn',
  // Entries keep their exports (oclif reads each command's default export); the chunk grouping needs this said.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: OUT,
    // CommonJS, not ES modules: Node 20 can hand V8 a code cache only for scripts it compiles through vm.Script,
    // which bin/run.cjs does for these files (src/cli/compile-cache.ts); ES modules are compiled afresh every run.
    format: 'cjs',
    // And no import() left in it: Node 20 loses the dynamic-import callback of a script compiled from a code cache
    // ("A dynamic import callback was not specified"); every library outside the bundle has a CommonJS entry.
    dynamicImportInCjs: false,
    entryFileNames: '[name].cjs',
    // Chunks sit beside run.cjs, two levels below the package root as every other compiled module does.
    chunkFileNames: '[name]-[hash].cjs',
    // The PostgreSQL store in a chunk of its own, named so (the cold-start test and the bench look for it by name).
    codeSplitting: {groups: [{name: 'store-pg', test: /[\\/]dist[\\/]store[\\/]pg[\\/]/, includeDependenciesRecursively: false}]},
    minify: process.env.BUNDLE_NO_MINIFY !== '1',
    sourcemap: false,
  },
})
const files = readdirSync(OUT, {recursive: true}).filter((name) => String(name).endsWith('.cjs'))
// bin/run.cjs compiles these files with V8's code cache, which on Node 20 cannot run an import() (see above): an
// import() the bundler kept would fail only on a user's second run. Read with the bundler's own parser, so that
// strings and comments that mention import() do not count.
for (const name of files) {
  const found = importExpression(parseAst(readFileSync(join(OUT, String(name)), 'utf8')))
  if (found) throw new Error(`dist/bundle/${name} still calls import() at offset ${found.start}: make it a require (see scripts/bundle.js)`)
}

function importExpression(node) {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = importExpression(item)
      if (found) return found
    }
  } else if (node && typeof node === 'object') {
    if (node.type === 'ImportExpression') return node
    for (const key in node) {
      if (key !== 'type' && typeof node[key] === 'object') {
        const found = importExpression(node[key])
        if (found) return found
      }
    }
  }
  return undefined
}

console.log(`bundle: ${Object.keys(input).length} entries, ${files.length} files in dist/bundle (${((performance.now() - started) / 1000).toFixed(1)} s)`)
