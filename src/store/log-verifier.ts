import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {GENESIS_HASH} from '../core/incident/chain.js'
import {joinSegments, linesThrough, verifyLog, verifySegment, type SegmentResult, type VerifyResult} from '../core/incident/verify.js'
import {PACKAGE_ROOT} from './package-root.js'

/** Below this a second thread costs more to start than it saves, and the log is checked in one pass. */
export const PARALLEL_FROM_BYTES = 8 * 1024 * 1024
// Measured on a 2-core VM (npm run bench): a thread is checking ~25 ms after it is asked for; one thread checks
// about 170 KB of log a millisecond.
const THREAD_START_MS = 25
const BYTES_PER_MS = 170_000
const THREAD_SCRIPT = join(PACKAGE_ROOT, 'dist', 'store', 'verify-thread.js')

/**
 * Checks a whole log as verifyLog does, with its later part on a second thread when the log is large, its bytes are
 * in shared memory (the file store reads them so) and the machine has a second core: the same result, problem and
 * line numbers (core/incident/verify.ts joins the parts). The main thread takes the larger part, since the other
 * starts later. If that thread fails, the main thread checks its part too.
 */
export async function verifyLogBytes(bytes: Buffer, options: {hashOf?: number} = {}): Promise<VerifyResult> {
  return (await verifyLogParts(bytes, options)).result
}

/** verifyLogBytes, saying how many threads checked the log; `threadFrom` (bytes) and `threadScript` are for tests. */
export async function verifyLogParts(
  bytes: Buffer,
  options: {hashOf?: number; threadFrom?: number; threadScript?: string} = {},
): Promise<{result: VerifyResult; threads: 1 | 2}> {
  const one = () => ({result: verifyLog(bytes, options), threads: 1 as const})
  const threadFrom = options.threadFrom ?? PARALLEL_FROM_BYTES
  if (bytes.length < threadFrom || !(bytes.buffer instanceof SharedArrayBuffer) || availableParallelism() < 2) return one()
  const headShare = Math.min(0.8, 0.5 + THREAD_START_MS / (2 * (bytes.length / BYTES_PER_MS)))
  const split = bytes.indexOf(0x0a, Math.floor(bytes.length * headShare))
  if (split === -1 || split === bytes.length - 1) return one()
  const hashOf = options.hashOf !== undefined ? {hashOf: options.hashOf} : {}
  const later = checkOnThread(bytes, split, options.hashOf, options.threadScript ?? THREAD_SCRIPT)
  const first = verifySegment(bytes.toString('utf8', 0, split + 1), {firstLine: 1, prevHash: GENESIS_HASH, ...hashOf})
  if (!first.ok) {
    later.cancel()
    return {result: joinSegments([first]), threads: 1}
  }
  const second = await later.result
  if (second) return {result: joinSegments([first, second]), threads: 2}
  return {result: joinSegments([first, verifySegment(bytes.toString('utf8', split + 1), {firstLine: linesThrough(bytes, split) + 1, ...hashOf})]), threads: 1}
}

/** The part after `split` on a thread of its own; undefined if the thread fails or ends without an answer. */
function checkOnThread(
  bytes: Buffer,
  split: number,
  hashOf: number | undefined,
  script: string,
): {result: Promise<SegmentResult | undefined>; cancel: () => void} {
  let worker: Worker
  try {
    const workerData = {memory: bytes.buffer, byteOffset: bytes.byteOffset, length: bytes.length, split, hashOf}
    worker = new Worker(script, {workerData})
  } catch {
    return {result: Promise.resolve(undefined), cancel: () => {}}
  }
  const result = new Promise<SegmentResult | undefined>((resolve) => {
    worker.once('message', (message: SegmentResult) => resolve(message))
    worker.once('error', () => resolve(undefined))
    worker.once('exit', () => resolve(undefined))
  })
  return {result, cancel: () => void worker.terminate()}
}
