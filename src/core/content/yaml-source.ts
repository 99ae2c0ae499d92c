import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml'
import type {z} from 'zod'
import {formatPath, type SourceProblem} from './format.js'
import {nearest} from '../nearest.js'

export {formatPath, formatProblem, type SourceProblem} from './format.js'

export type SourceResult<T> = {ok: true; value: T} | {ok: false; problems: SourceProblem[]}

/** Finds the node at `path`, or the deepest ancestor that exists (a missing field points at its parent). */
function locate(doc: Document, path: readonly PropertyKey[]): {offset: number; keyOffset?: number} {
  let node: Node | null = doc.contents
  let offset = node?.range?.[0] ?? 0
  let keyOffset: number | undefined
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment)
      if (!pair) break
      keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined
      node = (pair.value as Node | null) ?? null
      offset = node?.range?.[0] ?? keyOffset ?? offset
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined
      if (!item) break
      node = item
      keyOffset = undefined
      offset = item.range?.[0] ?? offset
    } else {
      break
    }
  }
  return {offset, keyOffset}
}

export interface LocatedIssue {
  path: readonly PropertyKey[]
  message: string
  /** Point at the key rather than the value (unknown keys). */
  atKey?: boolean
}

/** Parses YAML text and validates it with a zod schema; every problem names file, line, column and field. */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  extraChecks?: (value: z.infer<S>) => LocatedIssue[],
): SourceResult<z.infer<S>> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0])
        return {file, line: position.line, column: position.col, path: '', message: `YAML syntax: ${error.message.split('\n')[0]}`}
      }),
    }
  }
  const at = (issue: LocatedIssue): SourceProblem => {
    const {offset, keyOffset} = locate(doc, issue.path)
    const position = lineCounter.linePos(issue.atKey && keyOffset !== undefined ? keyOffset : offset)
    return {file, line: position.line, column: position.col, path: formatPath(issue.path), message: issue.message}
  }
  let plain: unknown
  try {
    // Aliases are expanded here: a few lines of anchors can stand for billions of nodes (an alias bomb).
    plain = doc.toJS({maxAliasCount: 1000})
  } catch (error) {
    return {ok: false, problems: [{file, line: 1, column: 1, path: '', message: `YAML aliases: ${aliasProblem(error)}`}]}
  }
  const parsed = schema.safeParse(plain)
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): SourceProblem[] => {
      if (issue.code === 'unrecognized_keys') {
        const known = fieldsAt(schema, issue.path)
        return issue.keys.map((key) => {
          const meant = nearest(key, known, 1)[0]
          const advice = meant ? `did you mean "${meant}"?` : 'check its spelling or remove it'
          return at({path: [...issue.path, key], message: `unknown field "${key}"; ${advice}`, atKey: true})
        })
      }
      // A custom issue about a key (a misspelt section) points at the key, not at its value.
      const atKey = issue.code === 'custom' && (issue.params as {atKey?: boolean} | undefined)?.atKey === true
      return [at({path: issue.path, message: issue.message, atKey})]
    })
    return {ok: false, problems}
  }
  const extra = extraChecks?.(parsed.data) ?? []
  if (extra.length > 0) return {ok: false, problems: extra.map(at)}
  return {ok: true, value: parsed.data}
}

/** The field names the schema allows at `path` (through optional, array and refined wrappers), for "did you mean". */
function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema
  for (let i = 0; node && i <= path.length;) {
    const n = node as {shape?: Record<string, unknown>; element?: unknown; unwrap?: () => unknown; def?: {innerType?: unknown; in?: unknown}}
    if (n.shape && i === path.length) return Object.keys(n.shape)
    if (n.shape) node = n.shape[String(path[i++])]
    else if (n.element && typeof path[i] === 'number') {
      node = n.element
      i++
    } else node = n.def?.innerType ?? n.def?.in ?? (typeof n.unwrap === 'function' ? n.unwrap() : undefined)
  }
  return []
}

function aliasProblem(error: unknown): string {
  return /alias/i.test(error instanceof Error ? error.message : '')
    ? 'the file expands its anchors (&) and aliases (*) into too many nodes; write the repeated parts out, or use fewer aliases'
    : 'the file could not be expanded; check its anchors (&) and aliases (*)'
}
