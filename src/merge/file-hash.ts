import {readSync} from 'node:fs'
import {createHash, type Hash} from 'node:crypto'

/** A SHA-256 under way over a file's first `bytes` bytes: those a resumed run keeps, hashed before it writes on. */
export function hashPrefix(fd: number, bytes: number): Hash {
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
