import {readTextFile} from './files.js'
import {existsSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import type {SourceProblem} from '../core/content/format.js'
import {sha256} from '../core/incident/chain.js'
import type {Regulation} from '../core/regulations/schema.js'
import {yamlFiles} from './content-files.js'
import {PACKAGE_ROOT} from './package-root.js'
import type {FactDefinition} from '../core/facts/vocabulary.js'

export interface RegulationFile {
  file: string
  origin: 'built-in' | 'workspace'
  sha256: string
  regulation?: Regulation
  problems: SourceProblem[]
  /** For a file that does not validate: the built-in regulation with the id it declares, which stays in force. */
  builtInKept?: string
}

export const BUILTIN_REGULATIONS = join(PACKAGE_ROOT, 'regulations')
/** Where the build leaves the built-in regulations, validated and parsed, so start-up skips YAML and zod. */
export const BUILTIN_CACHE = join(PACKAGE_ROOT, 'dist', 'content', 'regulations.json')

/** Reads and validates one regulation file; the parser and schemas load on first use. */
export async function loadRegulationFile(
  file: string,
  origin: RegulationFile['origin'],
  displayBase: string,
  orgFacts: readonly FactDefinition[] = [],
): Promise<RegulationFile> {
  const text = readTextFile(file, 'regulation file')
  const {parseYamlWith, checkRegulation, regulationSchema} = await import('./regulation-validators.js')
  const shown = relative(displayBase, file)
  const result = parseYamlWith(regulationSchema, text, shown && !shown.startsWith('..') ? shown : file, (r) => checkRegulation(r, undefined, orgFacts))
  return result.ok
    ? {file, origin, sha256: sha256(text), regulation: result.value, problems: []}
    : {file, origin, sha256: sha256(text), problems: result.problems}
}

let cache: Map<string, RegulationFile> | undefined

function cachedBuiltIns(): Map<string, RegulationFile> {
  if (cache) return cache
  cache = new Map()
  if (existsSync(BUILTIN_CACHE)) {
    for (const entry of JSON.parse(readFileSync(BUILTIN_CACHE, 'utf8')) as RegulationFile[]) cache.set(entry.sha256, entry)
  }
  return cache
}

/** A built-in file from the build's cache when its bytes are unchanged (checked by hash), else parsed afresh. */
async function loadBuiltIn(file: string): Promise<RegulationFile> {
  const hit = cachedBuiltIns().get(sha256(readFileSync(file, 'utf8')))
  return hit?.regulation ? {...hit, file} : loadRegulationFile(file, 'built-in', PACKAGE_ROOT)
}

/** Every regulation file, built-in first, then the workspace's own (its own obligations, contractual ones too). */
export async function regulationFiles(workspaceRoot?: string, options: {fresh?: boolean} = {}): Promise<RegulationFile[]> {
  const builtIn = await Promise.all(
    yamlFiles(BUILTIN_REGULATIONS).map((f) => (options.fresh ? loadRegulationFile(f, 'built-in', PACKAGE_ROOT) : loadBuiltIn(f))),
  )
  const ownFiles = workspaceRoot ? yamlFiles(join(workspaceRoot, 'regulations')) : []
  // A workspace's own rules may read the organisation's own facts (runbook.yaml `facts:`).
  const orgFacts = ownFiles.length ? (await import('./org-facts.js')).workspaceOrgFacts(workspaceRoot!) : []
  const own = await Promise.all(ownFiles.map((f) => loadRegulationFile(f, 'workspace', workspaceRoot!, orgFacts)))
  return [...builtIn, ...own]
}

/** The effective regulations by id: a workspace file with the same id replaces the built-in one. */
export async function availableRegulations(
  workspaceRoot?: string,
): Promise<{regulations: (RegulationFile & {regulation: Regulation})[]; broken: RegulationFile[]}> {
  const byId = new Map<string, RegulationFile & {regulation: Regulation}>()
  const broken: RegulationFile[] = []
  for (const file of await regulationFiles(workspaceRoot)) {
    if (file.regulation) {
      byId.set(file.regulation.id, file as RegulationFile & {regulation: Regulation})
      continue
    }
    // A team's broken override must not drop a legal clock: the built-in one stays, and the warning says so.
    const declared = /^id:\s*["']?([A-Za-z0-9_.-]+)/m.exec(readFileSync(file.file, 'utf8'))?.[1]
    broken.push(declared && byId.get(declared)?.origin === 'built-in' ? {...file, builtInKept: declared} : file)
  }
  return {regulations: [...byId.values()], broken}
}
