/** What the main thread asks the mail merge's writer thread (writer-thread.ts) to do, in order. */
export type WriterRequest =
  /**
   * Open (create 0600) the file; `keep` bytes of it (from an interrupted run) stay. `hash`: this thread keeps the
   * file's SHA-256 (the kept bytes hashed first); false when the main thread does (output-folder.ts hashHere).
   */
  | {op: 'open'; name: string; path: string; keep: number; hash: boolean}
  | {op: 'write'; name: string; position: number; data: ArrayBuffer; length: number}
  /** A file of its own (one .eml per notice), written whole and fsynced. */
  | {op: 'separate'; path: string; data: ArrayBuffer; length: number}
  /** The file is complete: close it and remember its SHA-256 (it is fsynced with the next checkpoint, or at the finish). */
  | {op: 'close'; name: string}
  /**
   * fsync these files and the folder, then write the progress file that records how far they are good. The
   * writes after it go on meanwhile; STATE.syncing counts the checkpoints not yet on disk.
   */
  | {op: 'checkpoint'; names: string[]; dir: string; progressPath: string; progress: string}
  /** fsync the files closed since the last checkpoint, and answer with the SHA-256 of every closed file. */
  | {op: 'finish'}

/** Slots of the shared Int32Array between the threads. */
export const STATE = {
  /** Memory of the buffers posted but not yet written: the main thread waits when too much is in flight. */
  pendingBytes: 0,
  /** Requests handled so far (the main thread waits on this slot). */
  handled: 1,
  /** 1 once a request failed; the message is in the shared error bytes. */
  failed: 2,
  /** 1 once the writer thread runs (a missing build would leave it 0). */
  started: 3,
  /** Checkpoints handed over whose progress file is not written yet (their fsyncs run apart from the writes). */
  syncing: 4,
} as const
export const STATE_SLOTS = 5
/** How long the main thread waits for a writer thread that never started. */
export const START_TIMEOUT_MS = 15_000
export const ERROR_BYTES = 1024

export function writeError(target: Uint8Array, message: string): void {
  const bytes = Buffer.from(message).subarray(0, target.length - 4)
  new DataView(target.buffer).setUint32(0, bytes.length)
  target.set(bytes, 4)
}

export function readError(source: Uint8Array): string {
  const length = new DataView(source.buffer).getUint32(0)
  return Buffer.from(source.subarray(4, 4 + length)).toString()
}
