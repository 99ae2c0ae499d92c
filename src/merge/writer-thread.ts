// The mail merge's writer thread: it writes the buffers the main thread fills, keeps the SHA-256 of each file the
// main thread does not hash itself (output-folder.ts hashHere), and fsyncs before it records a checkpoint, so the
// two cores share the work.
// Requests are handled in the order they were sent; that order is what makes a checkpoint true.
import {closeSync, fsync, fsyncSync, ftruncateSync, openSync, writeSync} from 'node:fs'
import type {Hash} from 'node:crypto'
import {dirname} from 'node:path'
import {parentPort, workerData, type MessagePort} from 'node:worker_threads'
import {FILE_MODE, fsyncDir, writeFileAtomic} from '../store/files.js'
import {describeSystemError, isSystemError} from '../core/system-errors.js'
import {STATE, writeError, type WriterRequest} from './writer-protocol.js'
import {hashPrefix} from './file-hash.js'

const state = new Int32Array(workerData.state as SharedArrayBuffer)
const errorText = new Uint8Array(workerData.error as SharedArrayBuffer)
/** Answers go on their own port, which the main thread reads synchronously once the writer has caught up. */
const replies = workerData.replies as MessagePort
/** Written buffers go back to the main thread, which fills them again (none waits here for a garbage collection). */
const returned = workerData.returned as MessagePort
/** Each open file; `hash` unless the main thread keeps that file's SHA-256 (output-folder.ts hashHere). */
const files = new Map<string, {fd: number; path: string; hash: Hash | undefined}>()
const digests: Record<string, string> = {}
/** Files closed since the last checkpoint: on disk once the next one is, or at the finish. */
const unsynced: string[] = []
let failed = false

function handle(request: WriterRequest): void {
  switch (request.op) {
    case 'open': {
      const fd = openSync(request.path, 'a+', FILE_MODE)
      // Anything past the last checkpoint was written by the interrupted run and will be written again.
      ftruncateSync(fd, request.keep)
      files.set(request.name, {fd, path: request.path, hash: request.hash ? hashPrefix(fd, request.keep) : undefined})
      break
    }
    case 'write': {
      const file = files.get(request.name)!
      const data = new Uint8Array(request.data, 0, request.length)
      for (let done = 0; done < data.length;) done += writeSync(file.fd, data, done, data.length - done, request.position + done)
      file.hash?.update(data)
      Atomics.sub(state, STATE.pendingBytes, request.data.byteLength)
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
      Atomics.sub(state, STATE.pendingBytes, request.data.byteLength)
      break
    }
    case 'close': {
      // Synced with the next checkpoint, or at the finish: a batch of letters fsynced as it closed held up the writes.
      const file = files.get(request.name)!
      closeSync(file.fd)
      unsynced.push(file.path)
      if (file.hash) digests[request.name] = file.hash.digest('hex')
      files.delete(request.name)
      break
    }
    case 'checkpoint':
      checkpoint({...request, paths: [...unsynced.splice(0), ...request.names.map((name) => files.get(name)!.path)]})
      break
    case 'finish':
      for (const path of unsynced.splice(0)) fsyncPath(path)
      replies.postMessage({digests})
      break
  }
}

type Checkpoint = Extract<WriterRequest, {op: 'checkpoint'}> & {paths: string[]}
/** The checkpoint being made, and the latest one asked for since (it supersedes any asked for before it). */
let syncing: Checkpoint | undefined
let next: Checkpoint | undefined

/**
 * A checkpoint's fsyncs run on libuv's threads while this thread goes on writing: waiting for the disk here
 * stopped the writes, and the main thread, with nowhere to put its notices, stopped too (3.6 s of 24 at a million
 * rows). Each file is fsynced through a descriptor of its own, so a file closed meanwhile is still synced, and the
 * progress file is written only once every file it counts is on disk. One checkpoint at a time, in order.
 */
function checkpoint(request: Checkpoint): void {
  Atomics.add(state, STATE.syncing, 1)
  if (!syncing) return startCheckpoint(request)
  if (!next) {
    next = request
    return
  }
  // A later checkpoint counts everything an earlier waiting one does; the files closed before that one are synced
  // with it.
  Atomics.sub(state, STATE.syncing, 1)
  next = {...request, paths: [...new Set([...next.paths, ...request.paths])]}
}

function startCheckpoint(request: Checkpoint): void {
  syncing = request
  let waiting = request.paths.length + 1
  const synced = (error?: Error | null) => {
    if (error && !failed) fail(error)
    if (--waiting > 0) return
    try {
      if (!failed) {
        // The folders too: a file's name is on disk only once its folder is (eml/ holds the manifest and the .eml files).
        for (const dir of new Set([request.dir, ...request.paths.map((path) => dirname(path))])) fsyncDir(dir)
        writeFileAtomic(request.progressPath, request.progress)
      }
    } catch (error) {
      fail(error as Error)
    }
    syncing = undefined
    Atomics.sub(state, STATE.syncing, 1)
    Atomics.notify(state, STATE.handled)
    const queued = next
    next = undefined
    if (queued) startCheckpoint(queued)
  }
  for (const path of request.paths) {
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch (error) {
      synced(error as Error)
      continue
    }
    fsync(fd, (error) => {
      closeSync(fd)
      synced(error)
    })
  }
  synced()
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function fail(error: Error): void {
  failed = true
  writeError(errorText, isSystemError(error) ? describeSystemError(error).message : error.message)
  Atomics.store(state, STATE.failed, 1)
}

Atomics.store(state, STATE.started, 1)
Atomics.notify(state, STATE.handled)

parentPort!.on('message', (request: WriterRequest) => {
  if (failed) {
    if (request.op === 'write' || request.op === 'separate') Atomics.sub(state, STATE.pendingBytes, request.data.byteLength)
    if (request.op === 'finish') replies.postMessage({digests})
  } else {
    try {
      handle(request)
    } catch (error) {
      fail(error as Error)
      if (request.op === 'finish') replies.postMessage({digests})
    }
  }
  Atomics.add(state, STATE.handled, 1)
  Atomics.notify(state, STATE.handled)
})
