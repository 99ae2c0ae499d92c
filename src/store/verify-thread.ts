// The second thread of a large log's check (store/log-verifier.ts): it decodes and checks the later part of the log,
// from the byte after `split`, whose link to the part before is checked on the main thread when both are done.
import {parentPort, workerData} from 'node:worker_threads'
import {linesThrough, verifySegment} from '../core/incident/verify.js'

const {memory, byteOffset, length, split, hashOf} = workerData as {
  memory: SharedArrayBuffer
  byteOffset: number
  length: number
  split: number
  hashOf?: number
}
const bytes = Buffer.from(memory, byteOffset, length)
const start = {firstLine: linesThrough(bytes, split) + 1, ...(hashOf !== undefined ? {hashOf} : {})}
parentPort!.postMessage(verifySegment(bytes.toString('utf8', split + 1), start))
