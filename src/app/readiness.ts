import {evaluateObligations} from '../core/deadlines/obligations.js'
import {neededTemplates, readinessChecks, worstCaseFacts, type Check} from '../core/readiness/score.js'
import {SAMPLE_TEXT_FACTS} from '../core/readiness/sample.js'
import type {Role} from '../core/playbook/model.js'
import {stepsInOrder} from '../core/playbook/model.js'
import {UserError} from '../core/errors.js'
import {listIncidents, loadIncident} from '../store/incidents.js'
import {availablePlaybooks, playbookFiles} from '../store/playbooks.js'
import {availableRegulations} from '../store/regulations.js'
import {scenarioFiles} from '../store/scenarios.js'
import {listTemplates, loadTemplateMeta} from '../store/templates.js'
import type {Workspace} from '../store/workspace.js'
import {renderTemplate} from './notices.js'

/** Gathers what the readiness checks look at, from the workspace and the built-ins. */
export async function assessReadiness(workspace: Workspace, now: Date): Promise<Check[]> {
  const config = await workspace.config()
  const playbooks = playbookFiles(workspace.root).map((f) => ({id: f.playbook?.id ?? f.file, file: f.file, valid: Boolean(f.playbook), reviewedAt: f.playbook?.reviewed_at}))
  const scenarios = (await scenarioFiles(workspace.root)).map((f) => ({id: f.scenario?.id ?? f.file, file: f.file, valid: Boolean(f.scenario), reviewedAt: f.scenario?.reviewed_at, highRisk: f.scenario?.high_risk ?? false}))
  const rolesNeeded = [...availablePlaybooks(workspace.root).values()].flatMap((p) => stepsInOrder(p.playbook).map((s) => s.owner)) as Role[]

  const facts = {...worstCaseFacts(config), ...SAMPLE_TEXT_FACTS}
  const {regulations} = await availableRegulations(workspace.root)
  const obligations = evaluateObligations({regulations: regulations.map((r) => r.regulation), facts, met: {}, now, isHoliday: () => false})
  const all = listTemplates(workspace.root)
  const state = {id: 'readiness-sample', title: 'Readiness sample', openedAt: now.toISOString(), drill: false, playbook: {id: 'sample'}, timezone: config.organization.timezone}
  const templates = []
  for (const id of neededTemplates(config)) {
    if (!all.has(id)) {
      templates.push({id, exists: false, errors: []})
      continue
    }
    const errors: string[] = []
    for (const short of [...new Set(all.get(id)!.variants.map((v) => v.short))]) {
      try {
        const {findings} = await renderTemplate(workspace, {templateId: id, format: 'md', short, now, actor: 'readiness', state, facts, obligations})
        errors.push(...findings.filter((f) => f.severity === 'error').map((f) => `${short ? 'short: ' : ''}${f.message}`))
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        errors.push(error.message)
      }
    }
    templates.push({id, exists: true, errors})
  }
  const served = new Set<string>()
  for (const entry of all.values()) for (const variant of entry.variants) (await loadTemplateMeta(variant)).serves.forEach((s) => served.add(s))
  const regulatorObligations = obligations
    .filter((o) => o.applies === 'yes' && o.notify.includes('regulator') && !o.recipient?.startsWith('(internal'))
    .map((o) => ({id: o.id, title: o.title, covered: served.has(o.id)}))

  const drills = listIncidents(workspace, {drills: true}).filter((s) => s.exercise?.ended).map((s) => {
    const ended = loadIncident(workspace, s.id).events.findLast((e) => e.type === 'drill.ended')!
    return {scenario: s.exercise!.scenario.id, endedAt: ended.recordedAt}
  })
  return readinessChecks({config, now, playbooks, scenarios, rolesNeeded, templates, drills, regulatorObligations})
}
