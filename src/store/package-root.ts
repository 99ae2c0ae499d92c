import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The installed package's root: the nearest folder above this module with a package.json. src/store and
 * dist/store sit two levels below it; the bundled CLI (dist/bundle/) puts this code in whichever file the bundler
 * chose, so the root is found, not counted.
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))

function findRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir + '/'
    const up = dirname(dir)
    if (up === dir) return fileURLToPath(new URL('../../', import.meta.url))
    dir = up
  }
}
