import {DATA_CATEGORIES, ENTITY_TYPES, FACT_DEFINITIONS, RISK_LEVELS} from '../core/facts/vocabulary.js'

/**
 * docs/facts.md, written from the fact table itself (`npm run docs`), so the documentation cannot drift from what
 * the CLI accepts; a test fails when the file is out of date.
 */
export function factsMarkdown(): string {
  const rows = FACT_DEFINITIONS.map((d) => {
    const type = 'values' in d.type ? `${d.type.kind}: ${d.type.values.join(', ')}` : d.type.kind
    return `| \`${d.key}\` | ${type} | ${d.description} |`
  })
  return [
    '# Incident facts',
    '',
    '<!-- Written by `npm run docs` from src/core/facts/vocabulary.ts; do not edit by hand. -->',
    '',
    'Playbook questions set facts, regulations read them to decide what applies and when, templates print them.',
    'Set one with `runbook fact set KEY VALUE` (lists comma-separated; instants ISO 8601 with an offset, or a local',
    "time read in the incident's zone); `runbook fact list --known` prints this table.",
    '',
    '| key | type | meaning |',
    '|---|---|---|',
    ...rows,
    '| `affected.<REGION>` | count | people affected who reside in an ISO 3166 region: a country (`DE`) or a subdivision (`US-CA`) |',
    '',
    'A text fact can be given in another language for notices in that language: `summary.ja`, `measures_taken.de`.',
    '',
    `Data categories: ${DATA_CATEGORIES.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    `Entity types: ${ENTITY_TYPES.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    `Risk levels: ${RISK_LEVELS.map((c) => `\`${c}\``).join(', ')}.`,
    '',
  ].join('\n')
}
