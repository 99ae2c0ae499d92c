const UNIT_MS = {m: 60_000, h: 3_600_000, d: 86_400_000} as const

export function durationToMs(text: string): number {
  let total = 0
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhm])/g)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  }
  return total
}

/** "2h 5m", "3d 4h", "45m": compact and readable at a glance. */
export function formatElapsed(ms: number): string {
  let rest = Math.floor(Math.abs(ms) / 60_000)
  // Under a minute either way is "0m": a minus sign on nothing reads as an error.
  const sign = ms < 0 && rest > 0 ? '-' : ''
  const days = Math.floor(rest / 1440)
  rest -= days * 1440
  const hours = Math.floor(rest / 60)
  const minutes = rest - hours * 60
  const parts: string[] = []
  if (days) parts.push(`${days}d`)
  if (hours) parts.push(`${hours}h`)
  if (minutes || parts.length === 0) parts.push(`${minutes}m`)
  return sign + parts.slice(0, 2).join(' ')
}
