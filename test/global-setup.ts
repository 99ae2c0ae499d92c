import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
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
export default function setup(): void {
  const stamp = join(ROOT, 'oclif.manifest.json')
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
  const changed = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'regulations')), statSync(join(ROOT, 'package.json')).mtimeMs)
  if (changed > built) {
    process.stderr.write('dist/ is older than the source: building first (npm run build).\n')
    execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'})
  }
}
