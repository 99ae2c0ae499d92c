import {execute} from '@oclif/core'

/**
 * The CLI's entry, bundled with oclif and the commands into dist/bundle/ (scripts/bundle.js): bin/run.js imports
 * the bundle's copy, so oclif finds the package root from there and loads each command from dist/bundle/commands.
 */
export async function main(): Promise<void> {
  await execute({dir: import.meta.url})
}
