import {fileURLToPath} from 'node:url'
import type {Interfaces} from '@oclif/core'

/** oclif's debug output when nobody asked for it (DEBUG unset): its own logger loads the debug library on every run. */
const silent = (namespace: string): Interfaces.Logger => {
  const quiet = () => {}
  return {namespace, debug: quiet, error: quiet, info: quiet, trace: quiet, warn: quiet, child: (ns) => silent(`${namespace}:${ns}`)}
}

/**
 * The CLI's entry, bundled with oclif and the commands into dist/bundle/ (scripts/bundle.js): bin/run.cjs loads
 * the bundle's copy, so oclif finds the package root from there and loads each command from dist/bundle/commands.
 */
export async function main(): Promise<void> {
  // oclif checks the Node version when its index is first evaluated (the semver library and a package.json it cannot
  // find in a bundle): set before oclif is imported, it is skipped; package.json's engines field and npm say it.
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
  const {execute, settings} = await import('@oclif/core')
  // The CLI always runs built code. With NODE_ENV=development or test (set in many developers' shells, and by test
  // runners) oclif would look for TypeScript sources and a transpiler first: 134 -> 303 ms for `status` here.
  settings.enableAutoTranspile = false
  await execute({loadOptions: {root: fileURLToPath(new URL('.', import.meta.url)), ...(process.env.DEBUG ? {} : {logger: silent('oclif')})}})
}
