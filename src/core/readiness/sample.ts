import type {FactValue} from '../facts/vocabulary.js'

/** Plain sample wording for the text facts, so readiness can render every template as a real incident would. */
export const SAMPLE_TEXT_FACTS: Record<string, FactValue> = {
  summary: 'On 2 January someone used a stolen staff password to sign in to our customer system and copied customer records.',
  'summary.ja': '1月2日、盗まれた従業員のパスワードが使われ、顧客システムからお客様の記録がコピーされました。',
  cause: 'A staff password stolen in a phishing email.',
  consequences: 'Someone could use your details to send you convincing fake messages.',
  measures_taken: 'We locked the account, reset staff passwords, added two-step sign-in, and hired outside experts to investigate.',
  'measures_taken.ja': 'アカウントを停止し、全従業員のパスワードを再設定しました。',
  occurred_at: '2026-01-02T09:00:00.000Z',
  breach_ended_at: '2026-01-03T09:00:00.000Z',
  materiality_determined_at: '2026-01-06T09:00:00.000Z',
  material_impact: 'We do not expect a material effect on our finances or operations; the investigation continues.',
  law_enforcement_delay: false,
  monitoring_months: 24,
  monitoring_offer: 'Two years of credit monitoring and identity restoration at no cost; enrol by the date in this letter with the code it gives.',
  'cause.ja': 'フィッシングメールで従業員のパスワードが盗まれました。',
  'consequences.ja': 'お客様の情報を使った、本物らしく見える偽のメッセージが届くおそれがあります。',
}
