import {join} from 'node:path'
import {parseYamlWith} from '../core/content/yaml-source.js'
import {orgFactDefinitions} from '../core/facts/org-definitions.js'
import type {FactDefinition} from '../core/facts/vocabulary.js'
import {workspaceConfigSchema} from '../core/workspace/config.js'
import {cachedConfig, CONFIG_FILE, configText} from './workspace.js'

/**
 * The organisation's own fact definitions (runbook.yaml `facts:`), which a workspace's own playbooks and regulations
 * may ask and test. Read synchronously (playbooks are looked up synchronously): from the validated runbook.yaml in
 * the cache, else from the file itself. A runbook.yaml that does not validate gives none; the commands that read it
 * say what is wrong with it.
 */
export function workspaceOrgFacts(root: string): FactDefinition[] {
  const cached = cachedConfig(root)
  if (cached) return orgFactDefinitions(cached.facts)
  const text = configText(root)
  if (text === undefined) return []
  const result = parseYamlWith(workspaceConfigSchema, text, join(root, CONFIG_FILE))
  return result.ok ? orgFactDefinitions(result.value.facts) : []
}
