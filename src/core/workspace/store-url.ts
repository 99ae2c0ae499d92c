/**
 * The PostgreSQL URL a team's incidents live at: `store.url` in runbook.yaml or RUNBOOK_DATABASE_URL. Credentials
 * come from the standard PG* variables or ~/.pgpass, never from runbook.yaml, which is shared (often in git).
 */

const SCHEMES = ['postgresql:', 'postgres:']

/** What is wrong with a store URL, or null. `shared`: it comes from runbook.yaml, so it must not hold a password. */
export function storeUrlProblem(url: string, shared: boolean): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'expected a PostgreSQL URL such as postgresql://runbook@db.example.com/runbook'
  }
  if (!SCHEMES.includes(parsed.protocol)) return `expected a postgresql:// URL, not ${parsed.protocol}//`
  if (shared && (parsed.password !== '' || parsed.searchParams.has('password'))) {
    return 'a password does not belong in runbook.yaml (it is shared, often in git): remove it from the URL and put it in ~/.pgpass or PGPASSWORD'
  }
  return null
}

/** The URL as messages may show it: without a password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = ''
    if (parsed.searchParams.has('password')) parsed.searchParams.delete('password')
    return parsed.toString()
  } catch {
    return '(an unreadable URL)'
  }
}
