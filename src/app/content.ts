import {readTextFile} from '../store/files.js'
import {resolve} from 'node:path'
import type {SourceProblem} from '../core/content/format.js'
import {stepsInOrder} from '../core/playbook/order.js'
import type {Playbook} from '../core/playbook/schema.js'
import type {Regulation} from '../core/regulations/schema.js'
import {UserError} from '../core/errors.js'
import {availablePlaybooks, findPlaybook, loadPlaybookFile, playbookFiles} from '../store/playbooks.js'
import {availableRegulations, loadRegulationFile, regulationFiles} from '../store/regulations.js'
import {workspaceOrgFacts} from '../store/org-facts.js'
import {loadScenarioFile, scenarioFiles} from '../store/scenarios.js'
import type {Context} from './context.js'
import {compareOrdinal} from '../core/order.js'

export interface ValidationResult {
  file: string
  id?: string
  valid: boolean
  problems: SourceProblem[]
}

export interface PlaybookRow {
  id: string
  title: string
  version: string
  reviewedAt: string
  steps: number
  origin: 'built-in' | 'workspace'
  file: string
}

/** The playbooks a responder can walk (a workspace file replaces the built-in with its id), and the broken files. */
export function playbookCatalogue(ctx: Context): {rows: PlaybookRow[]; broken: {file: string; hides?: string}[]} {
  const root = ctx.workspace.root
  const builtInIds = new Set(availablePlaybooks().keys())
  const rows = [...availablePlaybooks(root).values()]
    .sort((a, b) => compareOrdinal(a.playbook.id, b.playbook.id))
    .map(({playbook, origin, file}) => ({
      id: playbook.id,
      title: playbook.title,
      version: playbook.version,
      reviewedAt: playbook.reviewed_at,
      steps: stepsInOrder(playbook).length,
      origin,
      file,
    }))
  return {
    rows,
    broken: playbookFiles(root)
      .filter((f) => !f.playbook)
      .map((f) => ({file: f.file, ...(f.declaredId && builtInIds.has(f.declaredId) ? {hides: f.declaredId} : {})})),
  }
}

export function showPlaybook(ctx: Context, id: string): {playbook: Playbook; file: string; origin: 'built-in' | 'workspace'} {
  const {playbook, file, origin} = findPlaybook(id, ctx.workspace.root)
  return {playbook, file, origin}
}

/** Checks playbook and scenario files: the named ones, else every one the workspace sees. */
export async function validatePlaybooks(ctx: Context, files: readonly string[]): Promise<ValidationResult[]> {
  const root = ctx.workspace.root
  // Scenarios are checked here too: their injects refer to playbook steps and facts.
  const isScenario = (file: string) => /^injects:/m.test(readTextFile(file, 'playbook or scenario file'))
  const orgFacts = files.length > 0 ? workspaceOrgFacts(root) : []
  const loaded =
    files.length > 0
      ? await Promise.all(
          files
            .map((f) => resolve(f))
            .map((f) => (isScenario(f) ? loadScenarioFile(f, 'workspace', process.cwd(), root) : loadPlaybookFile(f, 'workspace', process.cwd(), {orgFacts}))),
        )
      : [...playbookFiles(root), ...(await scenarioFiles(root))]
  return loaded.map((f) => ({
    file: f.file,
    id: 'scenario' in f ? f.scenario?.id : 'playbook' in f ? f.playbook?.id : undefined,
    valid: f.problems.length === 0,
    problems: f.problems,
  }))
}

export interface RegulationRow {
  id: string
  name: string
  jurisdiction: string
  authority: string
  kind: string
  obligations: string[]
  /** Obligations by whom they notify (regulator, individuals ...). */
  counts: Record<string, number>
  source: string
  lastReviewed: string
  confidence: string
  inForceFrom: string | null
  inForceUntil: string | null
  /** Obligations (or the whole law) that start to apply after today, and those that stop. */
  upcoming: {obligation: string; from?: string; until?: string}[]
  origin: 'built-in' | 'workspace'
  file: string
  sha256: string
}

export async function regulationCatalogue(ctx: Context): Promise<{rows: RegulationRow[]; broken: string[]}> {
  const {regulations, broken} = await availableRegulations(ctx.workspace.root)
  const today = ctx.now().toISOString().slice(0, 10)
  const rows = regulations
    .map(({regulation: r, origin, file, sha256}) => {
      const counts: Record<string, number> = {}
      for (const o of r.obligations) for (const n of o.notify) counts[n] = (counts[n] ?? 0) + 1
      const upcoming = [
        ...(r.in_force_from && r.in_force_from > today ? [{obligation: '*', from: r.in_force_from}] : []),
        ...r.obligations.flatMap((o) => [
          ...(o.in_force_from && o.in_force_from > today ? [{obligation: o.id, from: o.in_force_from}] : []),
          ...(o.in_force_until && o.in_force_until >= today ? [{obligation: o.id, until: o.in_force_until}] : []),
        ]),
      ]
      return {
        id: r.id,
        name: r.name,
        jurisdiction: r.jurisdiction,
        authority: r.authority,
        kind: r.kind,
        obligations: r.obligations.map((o) => o.id),
        counts,
        source: r.source,
        lastReviewed: r.last_reviewed,
        confidence: r.confidence,
        inForceFrom: r.in_force_from ?? null,
        inForceUntil: r.in_force_until ?? null,
        upcoming,
        origin,
        file,
        sha256,
      }
    })
    .sort((a, b) => compareOrdinal(a.id, b.id))
  return {rows, broken: broken.map((f) => f.file)}
}

export async function validateRegulations(ctx: Context, files: readonly string[]): Promise<ValidationResult[]> {
  const loaded =
    files.length > 0
      ? await Promise.all(files.map(async (f) => loadRegulationFile(resolve(f), 'workspace', process.cwd(), workspaceOrgFacts(ctx.workspace.root))))
      : await regulationFiles(ctx.workspace.root, {fresh: true})
  return loaded.map((f) => ({file: f.file, id: f.regulation?.id, valid: f.problems.length === 0, problems: f.problems}))
}

/** One regime as stored (validated), for `regulation show`. */
export async function showRegulation(ctx: Context, id: string): Promise<{regulation: Regulation; file: string; origin: 'built-in' | 'workspace'}> {
  const {regulations} = await availableRegulations(ctx.workspace.root)
  const found = regulations.find((r) => r.regulation.id === id)
  if (!found) {
    const close = regulations.map((r) => r.regulation.id).filter((r) => r.includes(id) || id.includes(r))
    throw new UserError(`unknown regulation "${id}"${close.length ? `; did you mean ${close.slice(0, 5).join(', ')}?` : ''}`, {
      hint: 'See them all with `runbook regulation list`.',
    })
  }
  return {regulation: found.regulation, file: found.file, origin: found.origin}
}
