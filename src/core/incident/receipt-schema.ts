import {z} from 'zod'

/**
 * A head receipt: the incident's last event (sequence number and hash) at a moment, signed with a key kept outside
 * the workspace. Handed to someone else (legal, a regulator's file, an email to oneself), it later proves that the
 * log still holds that event: cutting events off the end, emptying the log, or rewriting it and recomputing every
 * hash are all caught, which a bare hash chain cannot see. A module of its own, so that `verify` without --receipt
 * does not load zod.
 */
export const receiptSchema = z.object({
  format: z.literal('runbook-receipt/1'),
  incident: z.string(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the head event was recorded. */
  recordedAt: z.string(),
  signedAt: z.string(),
  /** The signer's Ed25519 public key, SPKI DER in base64, and its short fingerprint. */
  publicKey: z.string(),
  keyId: z.string(),
  signature: z.string(),
})

export type Receipt = z.infer<typeof receiptSchema>
