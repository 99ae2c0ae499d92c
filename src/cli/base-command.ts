import {Command} from '@oclif/core/command'
import * as Errors from '@oclif/core/errors'
import * as Flags from '@oclif/core/flags'
import type * as Interfaces from '@oclif/core/interfaces'
import {userInfo} from 'node:os'
import {UserError} from '../core/errors.js'
import {formatProblem, type SourceProblem} from '../core/content/format.js'
import {findWorkspace, type Workspace} from '../store/workspace.js'
import {colourEnabled, makeStyle, type Styler} from '../ui/style.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

/**
 * What every runbook command shares: the workspace flag, user errors printed as one clear message with the
 * right exit code (2 for input, 1 otherwise), and colour only where it belongs.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    workspace: Flags.directory({
      char: 'w',
      summary: 'Workspace folder (else RUNBOOK_WORKSPACE, the nearest runbook.yaml above, or the default).',
      helpGroup: 'GLOBAL',
    }),
  }

  private cachedWorkspace?: Workspace
  protected style: Styler = makeStyle(colourEnabled())

  protected workspace(flag?: string): Workspace {
    if (this.cachedWorkspace) return this.cachedWorkspace
    const workspace = findWorkspace({flag})
    if (workspace.created) {
      this.logToStderr(`Created a new runbook workspace at ${workspace.root} (use --workspace or RUNBOOK_WORKSPACE to choose another).`)
    }
    this.cachedWorkspace = workspace
    return workspace
  }

  /** Who is acting: --as, else RUNBOOK_ACTOR, else the OS user. */
  protected actor(flag?: string): string {
    if (flag?.trim()) return flag.trim()
    if (process.env.RUNBOOK_ACTOR) return process.env.RUNBOOK_ACTOR
    try {
      return userInfo().username || 'unknown'
    } catch {
      return 'unknown'
    }
  }

  /** Prints "ok FILE" or each problem with file:line:column, and fails (exit 2) when any file has one. */
  protected reportValidation<T extends {file: string; valid: boolean; problems: SourceProblem[]}>(results: T[], what: string): T[] {
    for (const result of results) {
      if (result.valid) this.log(`${this.style.green('ok')}   ${result.file}`)
      else for (const problem of result.problems) this.logToStderr(`${this.style.red('error')} ${formatProblem(problem)}`)
    }
    const bad = results.filter((r) => !r.valid)
    if (bad.length > 0) {
      if (this.jsonEnabled()) {
        this.logJson(results)
        this.exit(2)
      }
      throw new UserError(`${bad.length} of ${results.length} ${what} file(s) have problems`, {hint: 'Fix each line named above and run the command again.'})
    }
    return results
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof UserError) {
      process.exitCode = error.exitCode
      if (this.jsonEnabled()) {
        this.logJson({error: {message: error.message, hint: error.hint, exitCode: error.exitCode}})
      } else {
        // Our own format rather than oclif's: no re-wrapping, so paths and commands stay whole and greppable.
        const red = makeStyle(colourEnabled(process.stderr)).red
        process.stderr.write(`${red('Error:')} ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`)
      }
      throw new Errors.ExitError(error.exitCode)
    }
    if (error.name === 'ExitPromptError' || error.name === 'AbortPromptError') {
      process.stderr.write('\nStopped. Everything answered so far is recorded.\n')
      throw new Errors.ExitError(130)
    }
    return super.catch(error)
  }
}
