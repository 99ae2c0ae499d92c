import {createHash} from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Canonical JSON: object keys sorted by code point, no white space, numbers as JSON.stringify writes them
 * (the RFC 8785 form for the integers, strings, booleans and arrays events carry). Hand-written because it is
 * a dozen lines and the available packages need Node 22.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
  return `{${entries.join(',')}}`
}

/** SHA-256 over the canonical JSON of everything in the event except its own hash. */
export function eventHash(event: {hash?: string} & Record<string, unknown>): string {
  const {hash: _ignored, ...rest} = event
  return createHash('sha256').update(canonicalJson(rest)).digest('hex')
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
