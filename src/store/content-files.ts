import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

/** The YAML files directly in a folder, sorted (content folders: playbooks/, regulations/). */
export function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, {withFileTypes: true})
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(dir, entry.name))
    .sort()
}
