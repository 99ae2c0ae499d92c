/** What an operating-system error code means for the person at the keyboard, and what they can do about it. */
const MEANINGS: Record<string, {says: string; hint: string}> = {
  ENOENT: {says: 'there is no such file or folder', hint: 'Check the path.'},
  EACCES: {says: 'permission denied', hint: 'Check the owner and mode of the file and the folders above it.'},
  EPERM: {says: 'the operation is not permitted', hint: 'Check the owner and mode of the file and the folders above it.'},
  EISDIR: {says: 'it is a folder, where a file was expected', hint: 'Give the path of a file.'},
  ENOTDIR: {says: 'a part of the path is a file, where a folder was expected', hint: 'Check each folder in the path.'},
  ENAMETOOLONG: {says: 'the path is too long for the file system', hint: 'Use a shorter path.'},
  ELOOP: {says: 'the path has too many symbolic links (or a link loop)', hint: 'Resolve the links and give the real path.'},
  ENOSPC: {says: 'the disk is full', hint: 'Free some space, then run the command again; nothing half-written was kept.'},
  EDQUOT: {says: 'the disk quota is used up', hint: 'Free some space, then run the command again; nothing half-written was kept.'},
  EROFS: {says: 'the file system is read-only', hint: 'Use a writable folder.'},
  EMFILE: {says: 'too many files are open', hint: 'Close other programs or raise the open-file limit (ulimit -n), then retry.'},
  EBUSY: {says: 'the file or device is busy', hint: 'Try again in a moment.'},
  EEXIST: {says: 'it already exists', hint: 'Choose another name, or move the existing one aside.'},
  EXDEV: {says: 'it is on another file system', hint: 'Use a folder on the same disk.'},
  EIO: {says: 'the disk reported an input/output error', hint: 'Check the disk; copy the workspace elsewhere if it is failing.'},
}

export interface SystemError {
  code: string
  syscall?: string
  path?: string
}

export function isSystemError(error: unknown): error is SystemError {
  return typeof error === 'object' && error !== null && typeof (error as {code?: unknown}).code === 'string' && /^E[A-Z]+$/.test((error as {code: string}).code)
}

/** One sentence and a hint for an operating-system error: no errno names, no stack. */
export function describeSystemError(error: SystemError): {message: string; hint: string} {
  const meaning = MEANINGS[error.code] ?? {says: 'the operating system refused the operation', hint: 'Check the path and try again.'}
  return {message: `${error.path ? `${error.path}: ` : ''}${meaning.says}`, hint: meaning.hint}
}
