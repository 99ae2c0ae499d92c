/** One problem in a file a person edits, located so an editor can jump to it. */
export interface SourceProblem {
  file: string
  line: number
  column: number
  path: string
  message: string
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out ? `.${String(segment)}` : String(segment)
  }
  return out
}

export function formatProblem(problem: SourceProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`
  return problem.path ? `${where} ${problem.path}: ${problem.message}` : `${where} ${problem.message}`
}
