import {orgFactDefinitions} from '../core/facts/org-definitions.js'
import type {FactDefinition} from '../core/facts/vocabulary.js'
import type {Context} from './context.js'

/** The organisation's own fact definitions (runbook.yaml facts:), which `fact set` and the walk take like runbook's. */
export async function orgFacts(ctx: Context): Promise<FactDefinition[]> {
  return orgFactDefinitions((await ctx.workspace.config()).facts)
}
