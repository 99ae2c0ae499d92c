import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {GENESIS_HASH} from '../core/incident/chain.js'
import {joinSegments, linesThrough, verifyLog, verifySegment, type SegmentResult, type VerifyResult} from '../core/incident/verify.js'
import {PACKAGE_ROOT} from './package-root.js'
import type {VerifyThreadRequest} from './verify-thread.js'

/** Below this a second thread costs more to start than it saves, and the log is checked in one pass. */
export const PARALLEL_FROM_BYTES = 8 * 1024 * 1024
// Measured on a 2-core VM (npm run bench): one thread checks about 170 KB of log a millisecond; the second thread,
// started before the log is read, is checking ~10 ms after the main thread has begun.
const THREAD_LATE_MS = 10
const BYTES_PER_MS = 170_000
const THREAD_SCRIPT = join(PACKAGE_ROOT, 'dist', 'store', 'verify-thread.js')

export interface LogVerifier {
  /** Checks the log as verifyLog does, saying how many threads did. */
  check(bytes: Buffer, options?: {hashOf?: number}): Promise<{result: VerifyResult; threads: 1 | 2}>
}

/**
 * Checks a log of `size` bytes, its later part on a second thread when the log is large, its bytes come in shared
 * memory (the file store reads them so) and the machine has a second core: the same result, problem and line
 * numbers as one pass (core/incident/verify.ts joins the parts). Made before the log is read, so that the thread
 * starts while it is; the main thread takes the larger part all the same. If the thread fails, the main thread
 * checks that part too. `threadFrom` (bytes) and `threadScript` are for tests.
 */
export function logVerifier(size: number, options: {threadFrom?: number; threadScript?: string} = {}): LogVerifier {
  const threadFrom = options.threadFrom ?? PARALLEL_FROM_BYTES
  const thread = size >= threadFrom && availableParallelism() >= 2 ? startThread(options.threadScript ?? THREAD_SCRIPT) : undefined
  return {
    async check(bytes, {hashOf} = {}) {
      const asked = hashOf !== undefined ? {hashOf} : {}
      const one = () => {
        thread?.cancel()
        return {result: verifyLog(bytes, asked), threads: 1 as const}
      }
      if (!thread || bytes.length < threadFrom || !(bytes.buffer instanceof SharedArrayBuffer)) return one()
      const headShare = Math.min(0.8, 0.5 + THREAD_LATE_MS / (2 * (bytes.length / BYTES_PER_MS)))
      const split = bytes.indexOf(0x0a, Math.floor(bytes.length * headShare))
      if (split === -1 || split === bytes.length - 1) return one()
      thread.send({memory: bytes.buffer, byteOffset: bytes.byteOffset, length: bytes.length, split, ...asked})
      const first = verifySegment(bytes.toString('utf8', 0, split + 1), {firstLine: 1, prevHash: GENESIS_HASH, final: false, ...asked})
      if (!first.ok) {
        thread.cancel()
        return {result: joinSegments([first]), threads: 1}
      }
      const second = await thread.result
      if (second) return {result: joinSegments([first, second]), threads: 2}
      const rest = verifySegment(bytes.toString('utf8', split + 1), {firstLine: linesThrough(bytes, split) + 1, ...asked})
      return {result: joinSegments([first, rest]), threads: 1}
    },
  }
}

interface VerifyThread {
  send(request: VerifyThreadRequest): void
  /** The thread's answer; undefined if it failed or ended without one. */
  result: Promise<SegmentResult | undefined>
  cancel(): void
}

function startThread(script: string): VerifyThread | undefined {
  let worker: Worker
  try {
    worker = new Worker(script)
  } catch {
    return undefined
  }
  const result = new Promise<SegmentResult | undefined>((resolve) => {
    worker.once('message', (message: SegmentResult) => resolve(message))
    worker.once('error', () => resolve(undefined))
    worker.once('exit', () => resolve(undefined))
  })
  // Idle until it has work: a thread nobody sends anything must not keep the process alive (after the listeners,
  // which would hold it again).
  worker.unref()
  return {
    send: (request) => {
      worker.ref()
      worker.postMessage(request)
    },
    result,
    cancel: () => void worker.terminate(),
  }
}
