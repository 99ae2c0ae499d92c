import {closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync, chmodSync, existsSync} from 'node:fs'
import {dirname} from 'node:path'

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

/** Writes a file whole or not at all: temp file, fsync, rename. Mode 0600. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensurePrivateDir(dirname(path))
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`
  const fd = openSync(temp, 'w', FILE_MODE)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  chmodSync(temp, FILE_MODE)
  renameSync(temp, path)
  fsyncDir(dirname(path))
}
