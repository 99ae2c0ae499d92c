import {lookup} from 'node:dns/promises'
import {isIP} from 'node:net'
import {networkInterfaces} from 'node:os'
import {UserError} from '../../core/errors.js'

export const DEFAULT_HOST = '127.0.0.1'

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.x.y.z). */
export function isLoopback(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').toLowerCase()
  if (isIP(plain) === 4) return plain.startsWith('127.')
  if (isIP(plain) === 6) return plain === '::1' || /^::ffff:127\./.test(plain) || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(plain)
  return false
}

export interface BindPlan {
  /** The address to listen on (a name as given, an address as given). */
  host: string
  /** What the name resolves to: every address the server would answer on. */
  addresses: string[]
  loopback: boolean
}

/**
 * Where the server may listen. Without --host: the loopback address, nothing else. A name or address that reaches
 * beyond this machine is bound only when the person asked for it with --host (`explicit`), and is then flagged so the
 * caller warns. A name is resolved first: `localhost` mapped to a LAN address in /etc/hosts is not loopback.
 */
export async function planBind(host: string | undefined, explicit: boolean): Promise<BindPlan> {
  const wanted = (host ?? DEFAULT_HOST).trim()
  if (!wanted) throw new UserError('--host is empty: give an address such as 127.0.0.1, or leave --host out')
  let addresses: string[]
  if (isIP(wanted.replace(/^\[|\]$/g, ''))) addresses = [wanted.replace(/^\[|\]$/g, '')]
  else {
    try {
      addresses = (await lookup(wanted, {all: true})).map((a) => a.address)
    } catch {
      throw new UserError(`--host ${wanted}: no such host name on this machine`, {hint: 'Give an address (127.0.0.1, or this machine’s LAN address) instead.'})
    }
  }
  // 0.0.0.0 and :: are "every interface": never loopback.
  const loopback = addresses.length > 0 && addresses.every(isLoopback)
  if (!loopback && !explicit) {
    throw new UserError(`refusing to serve on ${wanted} (${addresses.join(', ')}): it is not a loopback address, so other machines could reach it`, {
      hint: 'Say so explicitly with --host ADDRESS if people on the network should see the page (they still need the link with its token).',
    })
  }
  return {host: wanted.replace(/^\[|\]$/g, ''), addresses, loopback}
}

/**
 * The address to print in links: the one bound, or for "every interface" (0.0.0.0, ::) this machine's first network
 * address, which is what another machine would type (browsers refuse 0.0.0.0 as a destination).
 */
export function linkAddress(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host
  const outside = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && (host === '::' || a.family === 'IPv4'))
    .sort((a, b) => (a!.family === b!.family ? 0 : a!.family === 'IPv4' ? -1 : 1))
  return outside[0]?.address ?? (host === '::' ? '::1' : '127.0.0.1')
}
