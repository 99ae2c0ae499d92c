import {readTextFile} from './files.js'
import {join, relative} from 'node:path'
import type {SourceProblem} from '../core/content/format.js'
import type {Scenario} from '../core/drills/schema.js'
import type {Playbook} from '../core/playbook/schema.js'
import type {FactDefinition} from '../core/facts/vocabulary.js'
import {workspaceOrgFacts} from './org-facts.js'
import {UserError} from '../core/errors.js'
import {yamlFiles} from './content-files.js'
import {PACKAGE_ROOT} from './package-root.js'
import {availablePlaybooks} from './playbooks.js'

export interface ScenarioFile {
  file: string
  origin: 'built-in' | 'workspace'
  scenario?: Scenario
  problems: SourceProblem[]
}

export const BUILTIN_SCENARIOS = join(PACKAGE_ROOT, 'playbooks', 'scenarios')

/** Reads and validates one scenario: schema, then its references to the playbook, steps and facts. */
export async function loadScenarioFile(
  file: string,
  origin: ScenarioFile['origin'],
  displayBase: string,
  workspaceRoot?: string,
  playbooks: Map<string, Playbook> = playbooksById(workspaceRoot),
  orgFacts: readonly FactDefinition[] = workspaceRoot ? workspaceOrgFacts(workspaceRoot) : [],
): Promise<ScenarioFile> {
  const text = readTextFile(file, 'scenario file')
  const [{parseYamlWith}, {scenarioSchema}, {checkScenario}] = await Promise.all([
    import('../core/content/yaml-source.js'),
    import('../core/drills/schema.js'),
    import('../core/drills/check.js'),
  ])
  const shown = relative(displayBase, file)
  const result = parseYamlWith(scenarioSchema, text, shown && !shown.startsWith('..') ? shown : file, (s) => checkScenario(s, playbooks, orgFacts))
  return result.ok ? {file, origin, scenario: result.value, problems: []} : {file, origin, problems: result.problems}
}

/** The playbooks a scenario may drill, by id (the workspace's own replace built-ins). */
function playbooksById(workspaceRoot?: string): Map<string, Playbook> {
  return new Map([...availablePlaybooks(workspaceRoot)].map(([id, f]) => [id, f.playbook]))
}

export async function scenarioFiles(workspaceRoot?: string): Promise<ScenarioFile[]> {
  // Read the playbooks once for all the scenarios, not once per scenario.
  const playbooks = playbooksById(workspaceRoot)
  const builtIn = await Promise.all(yamlFiles(BUILTIN_SCENARIOS).map((f) => loadScenarioFile(f, 'built-in', PACKAGE_ROOT, workspaceRoot, playbooks, [])))
  const ownFiles = workspaceRoot ? yamlFiles(join(workspaceRoot, 'playbooks', 'scenarios')) : []
  // A workspace's own scenarios may set the organisation's own facts (runbook.yaml `facts:`).
  const orgFacts = ownFiles.length ? workspaceOrgFacts(workspaceRoot!) : []
  const own = await Promise.all(ownFiles.map((f) => loadScenarioFile(f, 'workspace', workspaceRoot!, workspaceRoot, playbooks, orgFacts)))
  return [...builtIn, ...own]
}

export async function availableScenarios(workspaceRoot?: string): Promise<Map<string, Scenario>> {
  const byId = new Map<string, Scenario>()
  for (const file of await scenarioFiles(workspaceRoot)) if (file.scenario) byId.set(file.scenario.id, file.scenario)
  return byId
}

export async function findScenario(id: string, workspaceRoot?: string): Promise<Scenario> {
  const all = await availableScenarios(workspaceRoot)
  const found = all.get(id)
  if (!found) throw new UserError(`unknown scenario "${id}". Available: ${[...all.keys()].sort().join(', ')}`, {hint: 'Run `runbook drill list`.'})
  return found
}
