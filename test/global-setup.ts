import {execFileSync} from 'node:child_process'
import {chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

/**
 * Most tests run the source in-process, but a few start the built CLI (exit codes, signals, the terminal) and the
 * mail merge's writer thread runs from dist/. A build older than the source would test stale code: build first.
 */
export default function setup(): () => void {
  // Every temporary folder of the run (workspaces, browser profiles, the PostgreSQL cluster, files the commands write)
  // inside one, removed at the end: runs used to leave thousands of folders in /tmp. Workers and the processes tests
  // start inherit TMPDIR. Traversable by others (0711): the cluster runs as the postgres user when tests run as root.
  const runTmp = mkdtempSync(join(tmpdir(), 'runbook-tests-'))
  chmodSync(runTmp, 0o711)
  process.env.TMPDIR = runTmp
  // The built CLI's code cache (src/cli/compile-cache.ts) for the processes tests start: shared by the run, not
  // left in the home folder.
  process.env.RUNBOOK_COMPILE_CACHE = join(runTmp, 'compile-cache')
  const stamp = join(ROOT, 'oclif.manifest.json')
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
  const changed = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'regulations')), statSync(join(ROOT, 'package.json')).mtimeMs)
  if (changed > built) {
    process.stderr.write('dist/ is older than the source: building first (npm run build).\n')
    execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'})
  }
  return () => {
    if (process.env.RUNBOOK_KEEP_TMP) process.stderr.write(`The run's temporary folders are kept in ${runTmp} (RUNBOOK_KEEP_TMP).\n`)
    else rmSync(runTmp, {recursive: true, force: true})
  }
}
