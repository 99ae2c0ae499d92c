import {watch} from 'node:fs'

/** Events closer together than this give one call: a burst of appends is one update for a live view. */
const SETTLE_MS = 50

/**
 * Calls `onChange` when the file `name` in `folder` is written or replaced. inotify on Linux reports each write; the
 * calls are coalesced so a reader re-reads once per burst, and never after the returned stop function resolves.
 */
export function watchFolder(folder: string, name: string, onChange: () => void): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const watcher = watch(folder, {persistent: true}, (_event, file) => {
    if (stopped || (file !== null && file !== name)) return
    timer ??= setTimeout(() => {
      timer = undefined
      if (!stopped) onChange()
    }, SETTLE_MS)
  })
  // A folder deleted under the watcher ends the watch; the view keeps its last state.
  watcher.on('error', () => watcher.close())
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    watcher.close()
  }
}
