// The regulation vocabulary, free of the validation library (see schema.ts for the file format).

/** Facts a notification clock can start from. */
export const CLOCK_STARTS = [
  'aware_at',
  'discovered_at',
  'determined_at',
  'materiality_determined_at',
  'classified_major_at',
  'notifiable_determined_at',
  'ransom_paid_at',
  'contained_at',
] as const

/** Facts that default to another when unset (facts.md): discovery and determination default to awareness. */
export const START_DEFAULTS: Readonly<Record<string, string>> = {
  discovered_at: 'aware_at',
  determined_at: 'aware_at',
}

export const RECIPIENTS = [
  'regulator',
  'individuals',
  'media',
  'credit-bureaus',
  'card-brands',
  'law-enforcement',
  'controller',
  'customers',
  'public',
] as const

export const CONFIDENCE = ['confirmed', 'partial', 'unconfirmed'] as const

export type ClockStart = (typeof CLOCK_STARTS)[number]
export type Recipient = (typeof RECIPIENTS)[number]
