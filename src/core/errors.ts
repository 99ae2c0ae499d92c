/**
 * An error the user can fix: bad input, an unknown id, a malformed file.
 * The CLI prints its message (and hint) without a stack trace and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number
  readonly hint?: string

  constructor(message: string, options: {exitCode?: number; hint?: string} = {}) {
    super(message)
    this.name = 'UserError'
    this.exitCode = options.exitCode ?? 2
    this.hint = options.hint
  }
}

/** A problem that is not the user's input (a torn log, a broken chain): exit 1, still no stack trace. */
export class OperationalError extends UserError {
  constructor(message: string, options: {hint?: string} = {}) {
    super(message, {exitCode: 1, hint: options.hint})
    this.name = 'OperationalError'
  }
}
