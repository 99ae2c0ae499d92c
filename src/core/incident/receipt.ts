import {createHash, createPublicKey, sign, verify, type KeyObject} from 'node:crypto'
import {canonicalJson} from './chain.js'
import type {Receipt} from './receipt-schema.js'

export type {Receipt}

type ReceiptBody = Omit<Receipt, 'signature'>

export function keyIdOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16)
}

export function signReceipt(head: {incident: string; seq: number; hash: string; recordedAt: string}, signedAt: Date, privateKey: KeyObject): Receipt {
  const publicKeyDer = createPublicKey(privateKey).export({type: 'spki', format: 'der'})
  const body: ReceiptBody = {
    format: 'runbook-receipt/1',
    ...head,
    signedAt: signedAt.toISOString(),
    publicKey: publicKeyDer.toString('base64'),
    keyId: keyIdOf(publicKeyDer),
  }
  return {...body, signature: sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64')}
}

export type ReceiptCheck =
  {ok: true; signer: 'this-machine' | 'other-key'} | {ok: false; problem: 'signature' | 'other-incident' | 'missing-event' | 'different-event'; message: string}

/**
 * Checks a receipt against a log whose chain is intact: the signature is the receipt's own key's, and the event it
 * names is still in the log with the same hash. `hashAtSeq` is the log's hash at the receipt's sequence number.
 */
export function checkReceipt(receipt: Receipt, log: {incident: string; events: number; hashAtSeq?: string}, localKeyId?: string): ReceiptCheck {
  const {signature, ...body} = receipt
  let signed: boolean
  try {
    const key = createPublicKey({key: Buffer.from(receipt.publicKey, 'base64'), format: 'der', type: 'spki'})
    signed =
      keyIdOf(Buffer.from(receipt.publicKey, 'base64')) === receipt.keyId &&
      verify(null, Buffer.from(canonicalJson(body)), key, Buffer.from(signature, 'base64'))
  } catch {
    signed = false
  }
  if (!signed) return {ok: false, problem: 'signature', message: 'the receipt was altered after it was signed (its signature does not match)'}
  if (receipt.incident !== log.incident)
    return {ok: false, problem: 'other-incident', message: `the receipt is for incident ${receipt.incident}, not ${log.incident}`}
  if (log.events < receipt.seq) {
    return {
      ok: false,
      problem: 'missing-event',
      message: `the receipt names event #${receipt.seq}, recorded ${receipt.recordedAt}, but the log now ends at #${log.events}: events were cut off or the log was emptied`,
    }
  }
  if (log.hashAtSeq !== receipt.hash) {
    return {
      ok: false,
      problem: 'different-event',
      message: `event #${receipt.seq} is not the one the receipt names (hash ${receipt.hash.slice(0, 16)}... expected, ${log.hashAtSeq?.slice(0, 16)}... found): the log was rewritten`,
    }
  }
  return {ok: true, signer: receipt.keyId === localKeyId ? 'this-machine' : 'other-key'}
}
