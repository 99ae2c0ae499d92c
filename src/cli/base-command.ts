import {Command} from '@oclif/core/command'
import * as Errors from '@oclif/core/errors'
import * as Flags from '@oclif/core/flags'
import type * as Interfaces from '@oclif/core/interfaces'
import {createContext, userSettingsFor, type Context, type ContextOptions} from '../app/context.js'
import {formatProblem, type SourceProblem} from '../core/content/format.js'
import {OperationalError, UserError} from '../core/errors.js'
import {describeSystemError, isSystemError} from '../core/system-errors.js'
import type {Styler} from '../ui/io.js'
import {isPromptAbort} from '../ui/prompts.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

/**
 * What every runbook command shares: the workspace flag, the Context its use case runs with, user errors printed
 * as one clear message with the right exit code (2 for input, 1 otherwise), and exactly one JSON document under
 * --json, on success and on failure.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    workspace: Flags.directory({
      char: 'w',
      summary: 'Workspace folder (else RUNBOOK_WORKSPACE, the nearest runbook.yaml above, or the default).',
      helpGroup: 'GLOBAL',
    }),
  }

  /** Tests run commands in-process with their own terminal, clock and prompts. */
  static contextOverrides: Partial<ContextOptions> | undefined

  private built?: Context
  private userConfig: ContextOptions['userConfig']

  /** Reads the user's own config (who they are) before the command runs: the context's actor is read synchronously. */
  override async init(): Promise<void> {
    // oclif reads a positional argument left out from standard input when that is not a terminal: `runbook status`
    // in a `while read` loop took the loop's next line as the incident (and any pipe cost it up to 10 ms). runbook
    // reads standard input only where a command says so (`note -`, `--file -`).
    for (const arg of Object.values(this.ctor.args ?? {})) arg.ignoreStdin = true
    await super.init()
    this.userConfig = await userSettingsFor(BaseCommand.contextOverrides?.env ?? process.env)
  }

  /** The context for this run, built once from the global flags (--workspace, --as) and --expect-seq. */
  protected context(flags: {workspace?: string; as?: string; 'expect-seq'?: number} = {}): Context {
    this.built ??= createContext({
      workspaceFlag: flags.workspace,
      actorFlag: flags.as,
      ...(flags['expect-seq'] !== undefined ? {expectSeq: flags['expect-seq']} : {}),
      userConfig: this.userConfig,
      onCreated: (root) => this.logToStderr(`Created a new runbook workspace at ${root} (use --workspace or RUNBOOK_WORKSPACE to choose another).`),
      ...BaseCommand.contextOverrides,
    })
    return this.built
  }

  protected get style(): Styler {
    return this.context().io.style
  }

  protected get errStyle(): Styler {
    return this.context().io.errStyle
  }

  override log(message = ''): void {
    if (!this.jsonEnabled()) this.context().io.stdout.write(`${message}\n`)
  }

  override logToStderr(message = ''): void {
    this.context().io.stderr.write(`${message}\n`)
  }

  override logJson(json: unknown): void {
    this.context().io.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  /** Raw output (a rendered document) on stdout. */
  protected write(data: string | Uint8Array): void {
    this.context().io.stdout.write(data)
  }

  /** Prints "ok FILE" or each problem with file:line:column, and fails (exit 2) when any file has one. */
  protected reportValidation<T extends {file: string; valid: boolean; problems: SourceProblem[]}>(results: T[], what: string): T[] {
    for (const result of results) {
      if (result.valid) this.log(`${this.style.green('ok')}   ${result.file}`)
      else for (const problem of result.problems) this.logToStderr(`${this.errStyle.red('error')} ${formatProblem(problem)}`)
    }
    const bad = results.filter((r) => !r.valid)
    if (bad.length > 0) {
      throw new UserError(`${bad.length} of ${results.length} ${what} file(s) have problems`, {
        hint: 'Fix each line named above and run the command again.',
        result: results,
      })
    }
    return results
  }

  /** The store's connections are closed whatever happened, so the process ends when the command does. */
  protected override async finally(error: Error | undefined): Promise<unknown> {
    await this.built?.close?.()
    return super.finally(error)
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof UserError) {
      process.exitCode = error.exitCode
      if (this.jsonEnabled()) {
        // One document a script can parse: what was found (if anything), and the error.
        const result = error.result
        const body = {message: error.message, hint: error.hint, exitCode: error.exitCode}
        this.logJson(Array.isArray(result) ? {results: result, error: body} : {...(result as object | undefined), error: body})
      } else {
        // Our own format rather than oclif's: no re-wrapping, so paths and commands stay whole and greppable.
        this.logToStderr(`${this.errStyle.red('Error:')} ${error.message}${error.hint ? `\n${error.hint}` : ''}`)
      }
      throw new Errors.ExitError(error.exitCode)
    }
    if (isPromptAbort(error)) {
      this.logToStderr('\nStopped. Everything answered so far is recorded.')
      throw new Errors.ExitError(130)
    }
    // An operating-system error nobody caught closer to its cause: said plainly, never as an errno and a stack.
    if (isSystemError(error)) return this.catch(new OperationalError(describeSystemError(error).message, {hint: describeSystemError(error).hint}))
    if (!('oclif' in error)) {
      return this.catch(
        new OperationalError(`runbook could not finish: ${error.message}`, {
          hint: 'Nothing more was recorded than the command said. This is a defect in runbook: please report it with the command you ran.',
        }),
      )
    }
    // A flag or argument oclif could not parse: under --json, the same one document as every other failure (oclif's
    // own would carry its internals and the error's JS name, and exit 1 instead of the usage code 2).
    if (this.jsonEnabled() && !(error instanceof Errors.ExitError)) {
      const exit = (error as {oclif?: {exit?: number}}).oclif?.exit
      const message = error.message
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/^See more help with --help$/.test(line))
        .join(' ')
        .replace(/^Parsing (\S+) /, '$1: ')
      return this.catch(
        new UserError(message, {exitCode: typeof exit === 'number' && exit > 1 ? exit : 2, hint: `See runbook ${this.id?.replaceAll(':', ' ') ?? ''} --help.`}),
      )
    }
    return super.catch(error)
  }
}
