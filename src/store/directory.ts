import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {SourceProblem} from '../core/content/format.js'
import type {LawEnforcementEntry, SupervisoryAuthority} from '../core/directory/schema.js'
import {UserError} from '../core/errors.js'
import {PACKAGE_ROOT} from './package-root.js'

export const BUILTIN_DIRECTORY = join(PACKAGE_ROOT, 'directory')
/** The directories as the build validated them, so commands read JSON and skip YAML and zod. */
export const DIRECTORY_CACHE = join(PACKAGE_ROOT, 'dist', 'content', 'directory.json')

export interface Directory {
  authorities: SupervisoryAuthority[]
  lawEnforcement: LawEnforcementEntry[]
  lastReviewed: {authorities: string; lawEnforcement: string}
}

/** Reads and validates the two directory files (the build does this once; tests and `validate` too). */
export async function loadDirectoryFiles(dir = BUILTIN_DIRECTORY): Promise<{directory?: Directory; problems: SourceProblem[]}> {
  const [{parseYamlWith}, {supervisoryAuthoritiesFileSchema, lawEnforcementFileSchema}] = await Promise.all([
    import('../core/content/yaml-source.js'),
    import('../core/directory/schema.js'),
  ])
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8')
    } catch {
      throw new UserError(`cannot read ${join(dir, name)}`)
    }
  }
  const authorities = parseYamlWith(supervisoryAuthoritiesFileSchema, read('supervisory-authorities.yaml'), 'directory/supervisory-authorities.yaml')
  const police = parseYamlWith(lawEnforcementFileSchema, read('law-enforcement.yaml'), 'directory/law-enforcement.yaml')
  if (!authorities.ok || !police.ok) return {problems: [...(authorities.ok ? [] : authorities.problems), ...(police.ok ? [] : police.problems)]}
  return {
    directory: {
      authorities: authorities.value.authorities,
      lawEnforcement: police.value.countries,
      lastReviewed: {authorities: authorities.value.last_reviewed, lawEnforcement: police.value.last_reviewed},
    },
    problems: [],
  }
}

let cached: Directory | undefined

/** The directories of supervisory authorities and law-enforcement / CSIRT contact points. */
export async function directory(): Promise<Directory> {
  if (cached) return cached
  if (existsSync(DIRECTORY_CACHE)) {
    cached = JSON.parse(readFileSync(DIRECTORY_CACHE, 'utf8')) as Directory
    return cached
  }
  const loaded = await loadDirectoryFiles()
  if (!loaded.directory) throw new UserError(`the built-in directory does not validate: ${loaded.problems.map((p) => p.message).join('; ')}`, {exitCode: 1})
  cached = loaded.directory
  return cached
}
