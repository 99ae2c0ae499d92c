import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

/** A file a document is rendered from: its name as the loader knows it, and where it was found. */
export interface TemplateFile {
  name: string
  file: string
}

// {% include "x" %}, {% import "x" as y %}, {% from "x" import y %}, {% extends "x" %}: names written as strings.
const PULLS_IN = /\{%-?\s*(?:include|import|from|extends)\s+["']([^"']+)["']/g

/** Where the loader finds a template name: the first search path that has it (the workspace before the built-ins). */
export function resolveTemplate(name: string, searchPaths: readonly string[]): string | undefined {
  for (const dir of searchPaths) {
    const file = join(dir, name)
    if (existsSync(file)) return file
  }
  return undefined
}

/**
 * The files a template is rendered from: itself, then every file it includes, imports or extends, and theirs,
 * each found as the loader would find it. Names computed at render time (a variable in an include) cannot be
 * followed; none of runbook's templates uses one.
 */
export function templateFiles(name: string, searchPaths: readonly string[]): TemplateFile[] {
  const seen = new Map<string, TemplateFile>()
  const visit = (current: string) => {
    if (seen.has(current)) return
    const file = resolveTemplate(current, searchPaths)
    if (!file) return
    seen.set(current, {name: current, file})
    for (const match of readFileSync(file, 'utf8').matchAll(PULLS_IN)) visit(match[1]!)
  }
  visit(name)
  return [...seen.values()]
}

/** Where a template reads a value by its path (facts.summry, facts['summry']): file:line of the first place. */
export function whereRead(path: string, files: readonly TemplateFile[]): string | undefined {
  const dot = path.lastIndexOf('.')
  const [object, key] = [path.slice(0, dot), path.slice(dot + 1)]
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`${escaped(object)}(?:\\.${escaped(key)}\\b|\\[\\s*["']${escaped(key)}["']\\s*\\])`)
  for (const {file} of files) {
    const lines = readFileSync(file, 'utf8').split('\n')
    const index = lines.findIndex((line) => pattern.test(line))
    if (index >= 0) return `${file}:${index + 1}`
  }
  return undefined
}
