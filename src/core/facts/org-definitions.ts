import type {OrgFact, OrgFacts} from './org-facts.js'
import type {FactDefinition, FactType} from './vocabulary.js'

const TYPE_OF: Record<OrgFact['type'], (fact: OrgFact) => FactType> = {
  text: () => ({kind: 'text'}),
  number: () => ({kind: 'number'}),
  date: () => ({kind: 'date'}),
  instant: () => ({kind: 'instant'}),
  boolean: () => ({kind: 'boolean'}),
  enum: (fact) => ({kind: 'choice', values: fact.values ?? []}),
  list: () => ({kind: 'list'}),
}

/** The organisation's own facts (runbook.yaml, facts:) as the vocabulary knows facts. */
export function orgFactDefinitions(facts: OrgFacts | undefined): FactDefinition[] {
  return Object.entries(facts ?? {}).map(([key, fact]) => ({
    key,
    type: TYPE_OF[fact.type](fact),
    label: fact.label ?? key,
    description: fact.description,
    source: 'runbook.yaml',
  }))
}
