import {readTextFile} from './files.js'
import {existsSync, readFileSync} from 'node:fs'
import {basename, join, relative} from 'node:path'
import {formatProblem} from '../core/content/format.js'
import {sha256} from '../core/incident/chain.js'
import {checkPlaybook} from '../core/playbook/check.js'
import {playbookSchema, type Playbook} from '../core/playbook/schema.js'
import {parseYamlWith, type SourceProblem} from '../core/content/yaml-source.js'
import {UserError} from '../core/errors.js'
import {PACKAGE_ROOT} from './package-root.js'
import {yamlFiles} from './content-files.js'
import {workspaceOrgFacts} from './org-facts.js'
import type {FactDefinition} from '../core/facts/vocabulary.js'

export interface PlaybookFile {
  file: string
  /** Where it comes from: the built-ins or the team's workspace (which overrides by id). */
  origin: 'built-in' | 'workspace'
  sha256: string
  playbook?: Playbook
  /** The id the file says it has, read even when the file does not validate (so a broken override is noticed). */
  declaredId?: string
  problems: SourceProblem[]
}

export const BUILTIN_PLAYBOOKS = join(PACKAGE_ROOT, 'playbooks')
/** Where the build leaves the built-in playbooks, validated and parsed: opening an incident parsed all of them. */
export const BUILTIN_PLAYBOOK_CACHE = join(PACKAGE_ROOT, 'dist', 'content', 'playbooks.json')

let cache: Map<string, Playbook> | undefined

/** The build's parsed built-ins by the hash of their bytes: a file edited since the build is parsed afresh. */
function cachedBuiltIns(): Map<string, Playbook> {
  if (cache) return cache
  cache = new Map()
  if (existsSync(BUILTIN_PLAYBOOK_CACHE)) {
    for (const entry of JSON.parse(readFileSync(BUILTIN_PLAYBOOK_CACHE, 'utf8')) as {sha256: string; playbook: Playbook}[])
      cache.set(entry.sha256, entry.playbook)
  }
  return cache
}

/** Reads and validates one playbook file; problems name file, line, column and field. */
export function loadPlaybookFile(
  file: string,
  origin: PlaybookFile['origin'] = 'workspace',
  displayBase = process.cwd(),
  options: {fresh?: boolean; orgFacts?: readonly FactDefinition[]} = {},
): PlaybookFile {
  const text = readTextFile(file, 'playbook file')
  const hash = sha256(text)
  const cached = origin === 'built-in' && !options.fresh ? cachedBuiltIns().get(hash) : undefined
  // A copy: callers may annotate what they get, and the cache outlives one command in a long-lived process.
  if (cached) return {file, origin, sha256: hash, playbook: structuredClone(cached), declaredId: cached.id, problems: []}
  const shown = relative(displayBase, file) || file
  const result = parseYamlWith(playbookSchema, text, shown.startsWith('..') ? file : shown, (p) => checkPlaybook(p, options.orgFacts))
  if (result.ok) return {file, origin, sha256: hash, playbook: result.value, declaredId: result.value.id, problems: []}
  const declaredId = /^id:\s*["']?([A-Za-z0-9_-]+)/m.exec(text)?.[1] ?? basename(file).replace(/\.ya?ml$/, '')
  return {file, origin, sha256: hash, declaredId, problems: result.problems}
}

/** Every playbook file, built-in first, then the workspace's own. */
export function playbookFiles(workspaceRoot?: string, options: {fresh?: boolean} = {}): PlaybookFile[] {
  const builtIn = yamlFiles(BUILTIN_PLAYBOOKS).map((f) => loadPlaybookFile(f, 'built-in', PACKAGE_ROOT, options))
  const ownFiles = workspaceRoot ? yamlFiles(join(workspaceRoot, 'playbooks')) : []
  // A workspace's own playbooks may ask and test the organisation's own facts (runbook.yaml `facts:`).
  const orgFacts = ownFiles.length ? workspaceOrgFacts(workspaceRoot!) : []
  const own = ownFiles.map((f) => loadPlaybookFile(f, 'workspace', workspaceRoot, {orgFacts}))
  return [...builtIn, ...own]
}

/** The effective playbooks by id: a workspace file with the same id replaces the built-in one. */
export function availablePlaybooks(workspaceRoot?: string): Map<string, PlaybookFile & {playbook: Playbook}> {
  const byId = new Map<string, PlaybookFile & {playbook: Playbook}>()
  for (const file of playbookFiles(workspaceRoot)) {
    if (file.playbook) byId.set(file.playbook.id, file as PlaybookFile & {playbook: Playbook})
    // A team's file that does not validate hides the built-in it meant to replace: never walk the wrong one.
    else if (file.declaredId) byId.delete(file.declaredId)
  }
  return byId
}

export function findPlaybook(id: string, workspaceRoot?: string): PlaybookFile & {playbook: Playbook} {
  const all = availablePlaybooks(workspaceRoot)
  const found = all.get(id)
  if (found) return found
  const broken = playbookFiles(workspaceRoot).find((f) => !f.playbook && f.declaredId === id)
  if (broken) {
    const problems = broken.problems.slice(0, 5).map(formatProblem).join('\n')
    throw new UserError(`playbook "${id}" in ${broken.file} does not validate, so it cannot be walked:\n${problems}`, {
      hint: `Fix the file (\`runbook playbook validate ${broken.file}\` shows every problem), or move it aside to walk the built-in playbook.`,
    })
  }
  throw new UserError(`unknown playbook "${id}". Available: ${[...all.keys()].sort().join(', ')}`, {hint: 'Run `runbook playbook list` for titles.'})
}
