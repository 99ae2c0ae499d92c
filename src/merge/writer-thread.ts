// The mail merge's writer thread: it writes the buffers the main thread fills, keeps each file's SHA-256, and
// fsyncs before it records a checkpoint, so the main thread spends its core on reading and filling notices.
// Requests are handled in the order they were sent; that order is what makes a checkpoint true.
import {closeSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync} from 'node:fs'
import {createHash, type Hash} from 'node:crypto'
import {parentPort, workerData, type MessagePort} from 'node:worker_threads'
import {FILE_MODE, fsyncDir, writeFileAtomic} from '../store/files.js'
import {describeSystemError, isSystemError} from '../core/system-errors.js'
import {STATE, writeError, type WriterRequest} from './writer-protocol.js'

const state = new Int32Array(workerData.state as SharedArrayBuffer)
const errorText = new Uint8Array(workerData.error as SharedArrayBuffer)
/** Answers go on their own port, which the main thread reads synchronously once the writer has caught up. */
const replies = workerData.replies as MessagePort
/** Written buffers go back to the main thread, which fills them again (none waits here for a garbage collection). */
const returned = workerData.returned as MessagePort
const files = new Map<string, {fd: number; hash: Hash}>()
const digests: Record<string, string> = {}
let failed = false

function hashPrefix(fd: number, bytes: number): Hash {
  const hash = createHash('sha256')
  const chunk = Buffer.allocUnsafe(1 << 20)
  for (let at = 0; at < bytes;) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, bytes - at), at)
    if (read === 0) break
    hash.update(chunk.subarray(0, read))
    at += read
  }
  return hash
}

function handle(request: WriterRequest): void {
  switch (request.op) {
    case 'open': {
      const fd = openSync(request.path, 'a+', FILE_MODE)
      // Anything past the last checkpoint was written by the interrupted run and will be written again.
      ftruncateSync(fd, request.keep)
      files.set(request.name, {fd, hash: hashPrefix(fd, request.keep)})
      break
    }
    case 'write': {
      const file = files.get(request.name)!
      const data = new Uint8Array(request.data, 0, request.length)
      for (let done = 0; done < data.length;) done += writeSync(file.fd, data, done, data.length - done, request.position + done)
      file.hash.update(data)
      Atomics.sub(state, STATE.pendingBytes, request.length)
      returned.postMessage(request.data, [request.data])
      break
    }
    case 'separate': {
      const fd = openSync(request.path, 'w', FILE_MODE)
      try {
        writeSync(fd, new Uint8Array(request.data, 0, request.length))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      Atomics.sub(state, STATE.pendingBytes, request.length)
      break
    }
    case 'close': {
      const file = files.get(request.name)!
      fsyncSync(file.fd)
      closeSync(file.fd)
      digests[request.name] = file.hash.digest('hex')
      files.delete(request.name)
      break
    }
    case 'checkpoint':
      for (const name of request.names) fsyncSync(files.get(name)!.fd)
      fsyncDir(request.dir)
      writeFileAtomic(request.progressPath, request.progress)
      break
    case 'finish':
      replies.postMessage({digests})
      break
  }
}

Atomics.store(state, STATE.started, 1)
Atomics.notify(state, STATE.handled)

parentPort!.on('message', (request: WriterRequest) => {
  if (failed) {
    if (request.op === 'write' || request.op === 'separate') Atomics.sub(state, STATE.pendingBytes, request.length)
    if (request.op === 'finish') replies.postMessage({digests})
  } else {
    try {
      handle(request)
    } catch (error) {
      failed = true
      writeError(errorText, isSystemError(error) ? describeSystemError(error).message : (error as Error).message)
      Atomics.store(state, STATE.failed, 1)
      if (request.op === 'finish') replies.postMessage({digests})
    }
  }
  Atomics.add(state, STATE.handled, 1)
  Atomics.notify(state, STATE.handled)
})
