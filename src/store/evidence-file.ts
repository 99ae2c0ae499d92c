import {createHash} from 'node:crypto'
import {constants, type Stats} from 'node:fs'
import {open, type FileHandle} from 'node:fs/promises'
import {basename} from 'node:path'
import {UserError} from '../core/errors.js'
import type {EvidenceFingerprint} from '../core/evidence/actions.js'

const CHUNK = 1 << 20

/**
 * The SHA-256 and size of a file registered as evidence, read in 1 MiB chunks (a memory image of many gigabytes never
 * sits in memory). Only a regular file is read: a folder, a device or a FIFO is refused by what the open file is, not
 * by what its name was a moment earlier, and a FIFO is opened without waiting for a writer (O_NONBLOCK), so the command
 * can never hang on one. A file that changes while it is read is refused: its hash would prove nothing.
 */
export async function fingerprintFile(path: string, onProgress?: (bytes: number, total: number) => void): Promise<EvidenceFingerprint> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  } catch (error) {
    throw readError(error, path)
  }
  try {
    const before = await handle.stat()
    const kind = notAFile(before)
    if (kind) throw new UserError(`${path} is ${kind}, not a file: only a regular file can be registered as evidence`, {hint: HINTS[kind]})
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafe(CHUNK)
    let bytes = 0
    for (;;) {
      let read: number
      try {
        ;({bytesRead: read} = await handle.read(buffer, 0, CHUNK, null))
      } catch (error) {
        throw readError(error, path)
      }
      if (read === 0) break
      hash.update(buffer.subarray(0, read))
      bytes += read
      onProgress?.(bytes, before.size)
    }
    const after = await handle.stat()
    if (bytes !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new UserError(`${path} changed while it was read (${before.size} bytes at the start, ${after.size} at the end); its hash would prove nothing`, {
        hint: 'Register a file nothing is writing to: stop the writer, or register a finished copy (and note where the copy came from with --source).',
      })
    }
    return {name: basename(path), sha256: hash.digest('hex'), bytes}
  } finally {
    await handle.close()
  }
}

type Kind = 'a folder' | 'a FIFO (named pipe)' | 'a device' | 'a socket'

function notAFile(stats: Stats): Kind | null {
  if (stats.isFile()) return null
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isSocket()) return 'a socket'
  return 'a device'
}

const HINTS: Record<Kind, string> = {
  'a folder': 'Register each file in it, or an archive of the folder (tar or zip) made for the purpose.',
  'a FIFO (named pipe)': 'Write what comes through the pipe to a file first, then register that file.',
  'a device': 'Image the device to a file (for example with dd or a forensic imager), then register the image.',
  'a socket': 'Capture what it carries to a file first, then register that file.',
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk reported a read error',
}

function readError(error: unknown, path: string): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  // open() on a Unix socket fails rather than opening it.
  if (code === 'ENXIO' || code === 'EOPNOTSUPP')
    return new UserError(`${path} is a socket, not a file: only a regular file can be registered as evidence`, {hint: HINTS['a socket']})
  if (code === 'EISDIR') return new UserError(`${path} is a folder, not a file`, {hint: HINTS['a folder']})
  return new UserError(`cannot read ${path}: ${REASONS[code] ?? 'the system could not read it'}`, {
    hint: code === 'EACCES' || code === 'EPERM' ? 'Run as a user who may read it, or register a copy you can read.' : undefined,
  })
}
