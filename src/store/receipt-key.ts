import {createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject} from 'node:crypto'
import {existsSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {UserError} from '../core/errors.js'
import {keyIdOf} from '../core/incident/receipt.js'
import {readTextFile, writeFileAtomic} from './files.js'

/** The user's runbook settings folder: $XDG_CONFIG_HOME/runbook, else ~/.config/runbook. */
export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config')
  return join(base, 'runbook')
}

/**
 * The Ed25519 key that signs head receipts, kept outside every workspace (whoever can rewrite a workspace must not
 * be able to sign for it). Made on first use, 0600 in a 0700 folder.
 */
export function receiptKey(env: NodeJS.ProcessEnv, options: {create: boolean}): {privateKey: KeyObject; keyId: string; file: string} | undefined {
  const file = join(userConfigDir(env), 'receipt-key.pem')
  if (!existsSync(file)) {
    if (!options.create) return undefined
    const {privateKey} = generateKeyPairSync('ed25519')
    writeFileAtomic(file, privateKey.export({type: 'pkcs8', format: 'pem'}))
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey(readTextFile(file, 'receipt key', 64 * 1024))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${file} is not a private key runbook can use`, {
      hint: 'Move it aside; runbook makes a new key on the next receipt (old receipts still verify).',
    })
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new UserError(`${file} is not an Ed25519 key`, {hint: 'Move it aside; runbook makes a new one.'})
  return {privateKey, keyId: keyIdOf(createPublicKey(privateKey).export({type: 'spki', format: 'der'})), file}
}
