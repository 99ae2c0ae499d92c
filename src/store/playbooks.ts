import {readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {sha256} from '../core/incident/chain.js'
import {checkPlaybook} from '../core/playbook/check.js'
import {playbookSchema, type Playbook} from '../core/playbook/schema.js'
import {parseYamlWith, type SourceProblem} from '../core/content/yaml-source.js'
import {UserError} from '../core/errors.js'
import {PACKAGE_ROOT} from './package-root.js'
import {yamlFiles} from './content-files.js'

export interface PlaybookFile {
  file: string
  /** Where it comes from: the built-ins or the team's workspace (which overrides by id). */
  origin: 'built-in' | 'workspace'
  sha256: string
  playbook?: Playbook
  problems: SourceProblem[]
}

export const BUILTIN_PLAYBOOKS = join(PACKAGE_ROOT, 'playbooks')

/** Reads and validates one playbook file; problems name file, line, column and field. */
export function loadPlaybookFile(file: string, origin: PlaybookFile['origin'] = 'workspace', displayBase = process.cwd()): PlaybookFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  const shown = relative(displayBase, file) || file
  const result = parseYamlWith(playbookSchema, text, shown.startsWith('..') ? file : shown, (p) => checkPlaybook(p))
  return result.ok
    ? {file, origin, sha256: sha256(text), playbook: result.value, problems: []}
    : {file, origin, sha256: sha256(text), problems: result.problems}
}

/** Every playbook file, built-in first, then the workspace's own. */
export function playbookFiles(workspaceRoot?: string): PlaybookFile[] {
  const builtIn = yamlFiles(BUILTIN_PLAYBOOKS).map((f) => loadPlaybookFile(f, 'built-in', PACKAGE_ROOT))
  const own = workspaceRoot ? yamlFiles(join(workspaceRoot, 'playbooks')).map((f) => loadPlaybookFile(f, 'workspace', workspaceRoot)) : []
  return [...builtIn, ...own]
}

/** The effective playbooks by id: a workspace file with the same id replaces the built-in one. */
export function availablePlaybooks(workspaceRoot?: string): Map<string, PlaybookFile & {playbook: Playbook}> {
  const byId = new Map<string, PlaybookFile & {playbook: Playbook}>()
  for (const file of playbookFiles(workspaceRoot)) {
    if (file.playbook) byId.set(file.playbook.id, file as PlaybookFile & {playbook: Playbook})
  }
  return byId
}

export function findPlaybook(id: string, workspaceRoot?: string): PlaybookFile & {playbook: Playbook} {
  const all = availablePlaybooks(workspaceRoot)
  const found = all.get(id)
  if (found) return found
  const broken = playbookFiles(workspaceRoot).find((f) => !f.playbook && f.file.includes(id))
  if (broken) {
    throw new UserError(`playbook "${id}" does not validate`, {hint: `Run \`runbook playbook validate ${broken.file}\` to see what to fix.`})
  }
  throw new UserError(`unknown playbook "${id}". Available: ${[...all.keys()].sort().join(', ')}`, {hint: 'Run `runbook playbook list` for titles.'})
}
