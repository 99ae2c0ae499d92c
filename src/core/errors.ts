/**
 * An error the user can fix: bad input, an unknown id, a malformed file.
 * The CLI prints its message (and hint) without a stack trace and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number
  readonly hint?: string
  /** What the command found before it failed (lint findings, a failed check): printed once, with the error, under --json. */
  readonly result?: unknown

  constructor(message: string, options: {exitCode?: number; hint?: string; result?: unknown} = {}) {
    super(message)
    this.name = 'UserError'
    this.exitCode = options.exitCode ?? 2
    this.hint = options.hint
    this.result = options.result
  }
}

/** A problem that is not the user's input (a torn log, a broken chain): exit 1, still no stack trace. */
export class OperationalError extends UserError {
  constructor(message: string, options: {hint?: string; result?: unknown} = {}) {
    super(message, {exitCode: 1, hint: options.hint, result: options.result})
    this.name = 'OperationalError'
  }
}
