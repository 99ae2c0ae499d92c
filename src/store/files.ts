import {randomBytes} from 'node:crypto'
import {closeSync, fsyncSync, lstatSync, mkdirSync, mkdtempSync, openSync, renameSync, writeSync, chmodSync, existsSync, rmSync, type Stats} from 'node:fs'
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
 * renaming over it would replace it.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
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
    fsyncSync(fd)
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
  fsyncDir(dirname(path))
}

/** A new folder of the user's own (0700) in the system's temporary folder, for files such as a notice's preview. */
export function privateTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
