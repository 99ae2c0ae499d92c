// The second thread of a large log's check (store/log-verifier.ts). It starts while the log is being read and waits
// for it; then it decodes and checks the later part, from the byte after `split`, whose link to the part before is
// checked on the main thread when both are done.
import {parentPort} from 'node:worker_threads'
import {linesThrough, verifySegment} from '../core/incident/verify.js'

export interface VerifyThreadRequest {
  memory: SharedArrayBuffer
  byteOffset: number
  length: number
  split: number
  hashOf?: number
}

parentPort!.once('message', ({memory, byteOffset, length, split, hashOf}: VerifyThreadRequest) => {
  const bytes = Buffer.from(memory, byteOffset, length)
  const start = {firstLine: linesThrough(bytes, split) + 1, ...(hashOf !== undefined ? {hashOf} : {})}
  parentPort!.postMessage(verifySegment(bytes.toString('utf8', split + 1), start))
})
