import {readTextFile} from './files.js'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {UserError} from '../core/errors.js'
import type {Route} from '../core/notices/routing.js'
import type {TemplateMeta} from '../core/notices/schema.js'
import {splitFrontMatter, type SourceFormat, type TemplateEntry, type TemplateVariant} from '../core/notices/template-model.js'

export type {TemplateEntry, TemplateVariant} from '../core/notices/template-model.js'
import {PACKAGE_ROOT} from './package-root.js'
import {compareOrdinal} from '../core/order.js'

export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates')
const FILE = /^(?<base>[^.]+)(?<short>\.short)?\.(?<locale>[a-z]{2}(?:-[A-Z]{2})?)\.(?<source>md|html|txt)\.njk$/
// Shared pieces, not documents of their own.
const NOT_DOCUMENTS = new Set(['partials', 'layouts', 'reports'])

function walk(root: string, dir: string, origin: TemplateVariant['origin'], out: TemplateVariant[]): void {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (dir === root && NOT_DOCUMENTS.has(entry.name)) continue
      walk(root, full, origin, out)
      continue
    }
    const match = FILE.exec(entry.name)
    if (!entry.isFile() || !match?.groups) continue
    const name = relative(root, full).split(sep).join('/')
    out.push({file: full, name, locale: match.groups.locale!, short: Boolean(match.groups.short), source: match.groups.source as SourceFormat, origin})
  }
}

/** The loader's search path: the workspace's templates first, so its files override and extend the built-ins. */
export function templateSearchPaths(workspaceRoot?: string): string[] {
  const own = workspaceRoot ? join(workspaceRoot, 'templates') : undefined
  return own && existsSync(own) ? [own, BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES]
}

/** Every template by id; a workspace file replaces the built-in variant with the same name. */
export function listTemplates(workspaceRoot?: string): Map<string, TemplateEntry> {
  const variants: TemplateVariant[] = []
  walk(BUILTIN_TEMPLATES, BUILTIN_TEMPLATES, 'built-in', variants)
  const own = workspaceRoot ? join(workspaceRoot, 'templates') : undefined
  if (own && existsSync(own)) walk(own, own, 'workspace', variants)
  const byName = new Map<string, TemplateVariant>()
  for (const variant of variants) byName.set(variant.name, byName.has(variant.name) ? {...variant, overrides: true} : variant)
  const entries = new Map<string, TemplateEntry>()
  for (const variant of byName.values()) {
    const id = variant.name.replace(/(\.short)?\.[^.]+\.(md|html|txt)\.njk$/, '')
    const entry = entries.get(id) ?? {id, variants: []}
    entry.variants.push(variant)
    entries.set(id, entry)
  }
  return new Map([...entries].sort(([a], [b]) => compareOrdinal(a, b)))
}

/** The workspace's own templates folder (it may not exist yet). */
export function workspaceTemplates(workspaceRoot: string): string {
  return join(workspaceRoot, 'templates')
}

/** The built-in template with this id, as runbook ships it (whatever the workspace holds). */
export function builtInTemplate(id: string): TemplateEntry | undefined {
  return listTemplates().get(id.replace(/^templates\//, ''))
}

export function findTemplate(id: string, workspaceRoot?: string): TemplateEntry {
  const all = listTemplates(workspaceRoot)
  const found = all.get(id.replace(/^templates\//, ''))
  if (found) return found
  throw new UserError(`unknown template "${id}". Available: ${[...all.keys()].join(', ')}`, {hint: 'Run `runbook notice list` for what each one is for.'})
}

/** The YAML text of a template's front matter. */
export function readFrontMatter(file: string): {yaml: string} | undefined {
  const {yaml} = splitFrontMatter(readTextFile(file, 'template'))
  return yaml === undefined ? undefined : {yaml}
}

export async function loadTemplateMeta(variant: TemplateVariant): Promise<TemplateMeta> {
  const front = readFrontMatter(variant.file)
  if (!front)
    throw new UserError(`${variant.file} has no front matter`, {
      hint: 'Start the template with a line ---, YAML with at least title and kind, then a line ---.',
    })
  const [{parseYamlWith, formatProblem}, {templateMetaSchema}] = await Promise.all([
    import('../core/content/yaml-source.js'),
    import('../core/notices/schema.js'),
  ])
  // Lines in the front matter are one below the file's lines (the --- opener).
  const result = parseYamlWith(templateMetaSchema, front.yaml, variant.file)
  if (!result.ok) throw new UserError(`template front matter is not valid:\n${result.problems.map((p) => formatProblem({...p, line: p.line + 1})).join('\n')}`)
  return result.value
}

export const BUILTIN_ROUTES = join(BUILTIN_TEMPLATES, 'routing.yaml')

let builtInRoutes: Promise<Route[]> | undefined

/** Which notice each reader gets: the workspace's routes (runbook.yaml notices.routes) first, then runbook's own. */
export async function noticeRoutes(workspaceRoutes: readonly Route[] = []): Promise<Route[]> {
  builtInRoutes ??= (async () => {
    const [{parseYamlWith, formatProblem}, {routesFileSchema}] = await Promise.all([
      import('../core/content/yaml-source.js'),
      import('../core/notices/routing.js'),
    ])
    const result = parseYamlWith(routesFileSchema, readFileSync(BUILTIN_ROUTES, 'utf8'), BUILTIN_ROUTES)
    if (!result.ok) throw new UserError(`the built-in routing table does not validate:\n${result.problems.map(formatProblem).join('\n')}`, {exitCode: 1})
    return result.value.routes
  })()
  return [...workspaceRoutes, ...(await builtInRoutes)]
}
