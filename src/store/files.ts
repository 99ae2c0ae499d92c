import {randomBytes} from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
  chmodSync,
  existsSync,
  rmSync,
  type Stats,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {OperationalError, UserError} from '../core/errors.js'
import {dirname, join} from 'node:path'

/** Folders that hold incident data are private to the user. */
export const DIR_MODE = 0o700
export const FILE_MODE = 0o600

export function ensurePrivateDir(path: string): void {
  if (!existsSync(path)) mkdirSync(path, {recursive: true, mode: DIR_MODE})
}

/** Flushes a directory entry so a newly created or renamed file survives a crash. */
export function fsyncDir(path: string): void {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes every byte or fails: writeSync may write fewer bytes than asked (a full disk, a signal), so it loops; a
 * write that makes no progress, or an error such as ENOSPC, becomes a plain message naming the file.
 */
export function writeAll(fd: number, data: Uint8Array, path: string): void {
  let offset = 0
  while (offset < data.length) {
    let written: number
    try {
      written = writeSync(fd, data, offset, data.length - offset)
    } catch (error) {
      throw writeError(error, path)
    }
    if (written <= 0)
      throw new OperationalError(`could not write ${path}: the disk accepted no more bytes`, {hint: 'Free some space and try again; nothing was recorded.'})
    offset += written
  }
}

function writeError(error: unknown, path: string): OperationalError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new OperationalError(`the disk holding ${path} is full`, {hint: 'Free some space and try again; nothing was recorded.'})
  if (code === 'EROFS') return new OperationalError(`${path} is on a read-only file system`)
  return new OperationalError(`could not write ${path} (${code ?? 'unknown error'})`)
}

/**
 * Writes a file whole or not at all: temp file in the same folder, every byte, fsync, rename. Mode 0600. A target
 * that exists and is not a regular file (a device such as /dev/null, a FIFO, a symbolic link, a folder) is refused:
 * renaming over it would replace it. `durable: false` (caches, see writeCacheFile) skips the fsyncs.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: {durable?: boolean} = {}): void {
  const durable = options.durable ?? true
  let existing: Stats | undefined
  try {
    existing = lstatSync(path)
  } catch {
    // Not there yet: it will be created.
  }
  if (existing && !existing.isFile()) {
    const what = existing.isDirectory() ? 'a folder' : existing.isSymbolicLink() ? 'a symbolic link' : 'not a regular file (a device or a pipe)'
    throw new UserError(`${path} is ${what}; runbook writes only regular files`, {hint: 'Give a path to a new or existing regular file.'})
  }
  ensurePrivateDir(dirname(path))
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const fd = openSync(temp, 'w', FILE_MODE)
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data, path)
    if (durable) fsyncSync(fd)
    closeSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, {force: true})
    throw error
  }
  try {
    chmodSync(temp, FILE_MODE)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, {force: true})
    throw writeError(error, path)
  }
  if (durable) fsyncDir(dirname(path))
}

/**
 * A cache file (the incidents index, the validated runbook.yaml, summaries): written whole by a rename, so a reader
 * never sees half of one, but without waiting for the disk. Every reader checks a cache against its source and
 * rebuilds it when it is missing, unreadable or stale, so one lost in a crash costs a rebuild, while two fsyncs on
 * every command that records something cost real time on a laptop's disk.
 */
export function writeCacheFile(path: string, data: string): void {
  writeFileAtomic(path, data, {durable: false})
}

/** Content files (playbooks, regulations, templates, settings) are small; anything larger is a mistake or an attack. */
export const MAX_CONTENT_BYTES = 4 * 1024 * 1024

/**
 * Reads a text file a person named or keeps in the workspace, refusing what is not a regular file (a device such as
 * /dev/zero, a pipe, a folder) and what is larger than `maxBytes`, before reading a byte: an endless input can never
 * hang a command. Errors name the file and say what to do.
 */
export function readTextFile(path: string, what = 'file', maxBytes = MAX_CONTENT_BYTES): string {
  return readFileBytes(path, what, maxBytes).toString('utf8')
}

/** The bytes of a file a person named, with the same checks as readTextFile. */
export function readFileBytes(path: string, what = 'file', maxBytes = MAX_CONTENT_BYTES): Buffer {
  const stats = checkRegularFile(path, what)
  if (stats.size > maxBytes) {
    throw new UserError(`${path} is ${megabytes(stats.size)}: too large for a ${what} (at most ${megabytes(maxBytes)})`, {
      hint: `Check that this is the ${what} you meant.`,
    })
  }
  const fd = openSync(path, 'r')
  try {
    // Read at most one byte past the limit: a file that grew after the check is still bounded.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
      if (length === buffer.length) break
    }
    if (length > maxBytes)
      throw new UserError(`${path} grew past ${megabytes(maxBytes)} while it was read`, {hint: `Check that this is the ${what} you meant.`})
    return buffer.subarray(0, length)
  } finally {
    closeSync(fd)
  }
}

/** The file's stats if it is a regular file (symbolic links followed); a clear error for anything else. */
export function checkRegularFile(path: string, what = 'file'): Stats {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such ${what}`, {hint: 'Check the path.'})
    throw error
  }
  if (stats.isDirectory()) throw new UserError(`${path} is a folder, not a ${what}`, {hint: `Give the path of the ${what} itself.`})
  if (!stats.isFile()) {
    throw new UserError(`${path} is not a regular file (a device, a pipe or a socket), so it cannot be read as a ${what}`, {
      hint: `Give the path of a ${what} on disk.`,
    })
  }
  return stats
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A new folder of the user's own (0700) in the system's temporary folder, for files such as a notice's preview. */
export function privateTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
