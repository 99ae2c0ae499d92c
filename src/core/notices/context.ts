import {localisedFacts, type FactValue} from '../facts/vocabulary.js'
import type {ObligationResult} from '../deadlines/obligations.js'
import type {WorkspaceConfig} from '../workspace/config.js'

/** What a template may read, and where a missing value would come from. */
export interface NoticeContext {
  org: Record<string, unknown>
  facts: Record<string, FactValue>
  incident: {id: string; title: string; openedAt: string; playbook: string}
  obligations: {id: string; title: string; dueAt: string | null; applies: string; recipient?: string}[]
  exercise: boolean
  locale: string
  zone: string
  now: string
  short: boolean
  /** In a mail merge: this recipient (name and id are placeholders the merge fills in). */
  recipient?: {name: string; id: string; jurisdiction: string; country: string; state: string; language: string}
}

/** A value the template needs that the incident or workspace lacks, with how to supply it. */
export class MissingValueError extends Error {
  readonly path: string
  readonly fix: string

  constructor(path: string, fix: string) {
    super(`the template needs ${path}, which is not set`)
    this.name = 'MissingValueError'
    this.path = path
    this.fix = fix
  }
}

// Names nunjucks and JS probe on any object; reading them must not count as the template needing a value.
const PROBES = new Set(['then', 'toJSON', 'toString', 'valueOf', 'constructor', 'length', '__keywords', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType'])

/**
 * Wraps an object so that reading a key it lacks throws a MissingValueError naming it. `{% if 'x' in facts %}`
 * still tests presence without throwing, so templates can have optional parts.
 */
export function strict<T extends object>(
  value: T,
  path: string,
  fix: (fullPath: string, key: string) => string,
  onMissing: (error: MissingValueError) => void = () => {},
): T {
  const missing = (key: string): never => {
    const error = new MissingValueError(`${path}.${key}`, fix(`${path}.${key}`, key))
    // Recorded before throwing: the template engine wraps what it catches, and the caller wants the name.
    onMissing(error)
    throw error
  }
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || PROBES.has(key) || Reflect.has(target, key)) {
        const inner = Reflect.get(target, key, receiver) as unknown
        if (typeof key === 'string' && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
          return strict(inner, `${path}.${key}`, fix, onMissing)
        }
        if ((inner === undefined || inner === null) && typeof key === 'string' && !PROBES.has(key)) missing(key)
        return inner
      }
      return missing(key)
    },
  })
}

const factFix = (_path: string, key: string) => `runbook fact set ${key} VALUE`
const orgFix = (path: string) => `set organization${path.slice('org'.length)} in runbook.yaml`

export function buildContext(input: {
  config: WorkspaceConfig
  state: {id: string; title: string; openedAt: string; drill: boolean; playbook: {id: string}}
  facts: Record<string, FactValue>
  obligations: readonly ObligationResult[]
  locale: string
  zone: string
  now: Date
  short: boolean
  onMissing?: (error: MissingValueError) => void
}): NoticeContext {
  const {organization} = input.config
  return {
    org: strict({...organization} as Record<string, unknown>, 'org', orgFix, input.onMissing),
    facts: strict(localisedFacts(input.facts, input.locale), 'facts', factFix, input.onMissing),
    incident: {id: input.state.id, title: input.state.title, openedAt: input.state.openedAt, playbook: input.state.playbook.id},
    obligations: input.obligations
      .filter((o) => o.applies !== 'no')
      .map((o) => ({id: o.id, title: o.title, dueAt: o.dueAt, applies: o.applies, recipient: o.recipient})),
    exercise: input.state.drill,
    locale: input.locale,
    zone: input.zone,
    now: input.now.toISOString(),
    short: input.short,
  }
}
