import type {ObligationResult} from '../deadlines/obligations.js'

export interface Commitment {
  who: string
  when: string
  where: string
}

const WHO: Record<string, string> = {
  regulator: 'The data protection or other competent authority',
  individuals: 'You, if your information is involved',
  media: 'The media, where the law requires a public notice',
  'credit-bureaus': 'The credit reporting agencies, for large breaches',
  'card-brands': 'Our bank and the card brands, if card data is involved',
  customers: 'Business customers, as our contracts require',
  public: 'The public, where the law requires it',
  'law-enforcement': 'The police or other law-enforcement agencies, where the law requires it',
  controller: 'The organisations whose data we process for them, as the law and our contracts require',
}

/** Plain promises from the obligations that would apply: "The authority: within 72 hours (EU GDPR)". */
export function commitments(obligations: readonly ObligationResult[]): Array<Commitment> {
  const seen = new Set<string>()
  const out: Commitment[] = []
  for (const o of obligations) {
    if (o.applies !== 'yes' || o.recipient?.startsWith('(internal')) continue
    const who = WHO[o.notify[0] ?? 'regulator'] ?? o.notify[0]!
    const when = o.asap
      ? 'as soon as we can, without undue delay'
      : `within ${o.rule.replace(/ from .*/, '').replace('calendar days', 'days')} ${o.rule.includes('when ') ? 'of our first report' : 'of learning of the breach'}`
    const key = `${who}|${when}|${o.regulation.id}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({who, when, where: o.regulation.name.replace(/\s*\(.*\)$/, '')})
  }
  return out.slice(0, 12)
}
