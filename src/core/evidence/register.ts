/**
 * The evidence register as the incident's events say it is: each item collected (a disk image, a log export, a
 * ransom note), its SHA-256 and size, where it came from, and its chain of custody. The register never holds the
 * evidence itself: only what proves later that a file is the one collected, and who has held it since.
 */

/** One hand-over in the chain of custody; the first entry is the collection itself (no `from`). */
export interface CustodyEntry {
  at: string
  seq: number
  actor: string
  to: string
  from?: string
  reason?: string
}

export interface EvidenceItem {
  /** EV-<seq of the event that registered it>: unique even when two responders register at the same moment. */
  id: string
  seq: number
  name: string
  sha256: string
  bytes: number
  description?: string
  source?: string
  /** Who holds it now. */
  custodian: string
  addedAt: string
  addedBy: string
  custody: CustodyEntry[]
}

const ID = /^(?:ev-?)?(\d+)$/i

export const evidenceId = (seq: number): string => `EV-${seq}`

/** "EV-14", "ev-14", "ev14" or "14" as the canonical id, or null when it is not an evidence id at all. */
export function canonicalEvidenceId(text: string): string | null {
  const match = ID.exec(text.trim())
  return match ? evidenceId(Number(match[1])) : null
}
