import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'

/** Who a request speaks for: someone who only looks, or the facilitator who may act. */
export type Role = 'viewer' | 'facilitator'

/** The header a page that acts sends its token in: a cookie alone never acts (a forged cross-site form has no header). */
export const TOKEN_HEADER = 'x-runbook-token'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Compares in constant time: both sides hashed first, so neither the length nor a common prefix shows in the timing. */
function same(presented: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(presented), expected)
}

/**
 * The two access tokens of one server run: 32 random bytes each (256 bits), printed once in the URLs and never
 * written anywhere. A browser trades the token in the URL for a cookie on first load, so links within the page work.
 */
export class AccessTokens {
  readonly viewer: string
  readonly facilitator: string
  private readonly viewerDigest: Buffer
  private readonly facilitatorDigest: Buffer

  constructor(random: (size: number) => Buffer = randomBytes) {
    this.viewer = random(32).toString('base64url')
    this.facilitator = random(32).toString('base64url')
    this.viewerDigest = digest(this.viewer)
    this.facilitatorDigest = digest(this.facilitator)
  }

  /** The role a presented token carries, or undefined for no token or a wrong one. */
  roleOf(token: string | undefined): Role | undefined {
    if (!token) return undefined
    // Both compared, whatever the first gives: the time taken does not say which token was close.
    const facilitator = same(token, this.facilitatorDigest)
    const viewer = same(token, this.viewerDigest)
    return facilitator ? 'facilitator' : viewer ? 'viewer' : undefined
  }
}

/** The value of one cookie in a Cookie header (names are ours, values base64url: no quoting to undo). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** Set-Cookie for a token: not readable by scripts, never sent by another site's page, gone when the browser closes. */
export function tokenCookie(name: string, token: string): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Strict`
}
