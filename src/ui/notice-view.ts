import type {Styler} from './io.js'
import type {Launched} from './launch.js'

interface Row {
  id: string
  title: string
  kind: string
  locales: string[]
  forms: string[]
  serves: string[]
  files: {name: string; origin: 'workspace' | 'built-in'; path: string; overrides: boolean}[]
}

/** Where a template's files are: runbook's own, the workspace's, and whether they replace runbook's. */
export function templateWhere(row: Pick<Row, 'files'>): string {
  const own = row.files.filter((f) => f.origin === 'workspace')
  if (own.length === 0) return 'built-in'
  const overrides = own.some((f) => f.overrides) ? ', overrides built-in' : ''
  if (own.length === row.files.length) return `workspace${overrides}`
  return `workspace (${own.length} of ${row.files.length} files)${overrides}`
}

/** `notice list`: one line per template, and where the workspace's own files are. */
export function templateListLines(rows: readonly Row[], style: Styler): string[] {
  const width = Math.max(...rows.map((r) => r.id.length))
  const whereWidth = Math.max(...rows.map((r) => templateWhere(r).length))
  const lines: string[] = []
  for (const row of rows) {
    const where = templateWhere(row)
    const shownWhere = where === 'built-in' ? style.dim(where.padEnd(whereWidth)) : style.cyan(where.padEnd(whereWidth))
    lines.push(
      `${style.bold(row.id.padEnd(width))}  ${row.kind.padEnd(9)} ${row.locales.join(',').padEnd(5)} ${row.forms.join('+').padEnd(10)} ${shownWhere}  ${row.title}${row.serves.length ? style.dim(` [${row.serves.join(', ')}]`) : ''}`,
    )
    const own = row.files.filter((f) => f.origin === 'workspace')
    if (own.length) lines.push(style.dim(`${' '.repeat(width + 2)}${own.map((f) => f.path).join(', ')}`))
  }
  lines.push(
    style.dim('\nRender one with: runbook notice render ID [--format md|html|txt|eml|pdf] [--short] [--out FILE]'),
    style.dim('Change the wording of one: runbook notice edit ID (copies it into the workspace); see it: runbook notice preview ID --open'),
  )
  return lines
}

/** `notice edit`: what was copied, where, and what to do next. */
export function editLines(result: {id: string; files: readonly string[]; copied: boolean; editor: Launched}, style: Styler): string[] {
  const lines = [result.copied ? `Copied ${result.id} into the workspace (it now replaces runbook's own):` : `${result.id} is the workspace's own template:`]
  lines.push(...result.files.map((f) => `  ${f}`))
  if (result.editor.ok) lines.push(style.dim(`Edited with ${result.editor.program}.`))
  else lines.push(style.dim(`Open ${result.files.length === 1 ? 'it' : 'them'} in your editor (${result.editor.reason}).`))
  lines.push(
    '',
    'Next:',
    `  runbook notice preview ${result.id} --open     see it as a reader will`,
    `  runbook notice render ${result.id}             lists every fact it still needs`,
    `  runbook notice approve ${result.id} --as NAME --role legal   sign it off as it is now`,
  )
  return lines
}

/** `notice preview`: where the page is, whether it opened, and what lint found. */
export function previewLines(
  result: {file: string; variant: string; reader?: string; opened: Launched | undefined; errors: number; warnings: number},
  style: Styler,
): string[] {
  const lines = [result.file]
  const about = `${result.variant}${result.reader ? ` for a reader in ${result.reader}` : ''}; lint: ${result.errors} errors, ${result.warnings} warnings`
  lines.push(style.dim(about))
  if (result.opened && !result.opened.ok) lines.push(style.dim(`Not opened: ${result.opened.reason}; open the file above in a browser.`))
  else if (result.opened?.ok) lines.push(style.dim(`Opened with ${result.opened.program}.`))
  if (result.errors)
    lines.push(style.yellow(`See the findings with: runbook notice lint ${result.variant.replace(/(\.short)?\.[^.]+\.(md|html|txt)\.njk$/, '')}`))
  return lines
}

/** `notice approve`: what was signed off, by its hash. */
export function approveLines(
  result: {incident: string; approved: readonly {file: string; sha256: string; seq: number}[]},
  who: string,
  role?: string,
): string[] {
  return result.approved.map((a) => `Approved (#${a.seq}) by ${who}${role ? ` (${role})` : ''}: ${a.file}  sha256 ${a.sha256.slice(0, 16)}...`)
}
