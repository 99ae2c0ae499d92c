import {execute} from '@oclif/core'

/**
 * The CLI's entry, bundled with oclif and the commands into dist/bundle/ (scripts/bundle.js): bin/run.js imports
 * the bundle's copy, so oclif finds the package root from there and loads each command from dist/bundle/commands.
 */
export async function main(): Promise<void> {
  // oclif's Node version check reads its package.json from __dirname, which a bundle does not have: it cannot warn
  // here and only costs its semver parsing; package.json's engines field and npm say it instead.
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
  await execute({dir: import.meta.url})
}
