import type {DATA_CATEGORIES} from '../facts/vocabulary.js'

type Category = (typeof DATA_CATEGORIES)[number]

/** How a data category reads in a notice, per language (people do not say "government_id"). */
export const CATEGORY_LABELS: Record<string, Record<Category, string>> = {
  en: {
    contact: 'contact details (such as name, email address, phone number or postal address)',
    government_id: 'government identification numbers (such as Social Security, passport or driver\'s licence numbers)',
    financial: 'financial account information',
    payment_card: 'payment card information',
    health: 'health or medical information',
    credentials: 'account usernames and passwords',
    special_category: 'sensitive information (such as beliefs, ethnicity or sexual orientation)',
    children: 'information about children',
    biometric: 'biometric information',
    location: 'location information',
    other: 'other personal information',
  },
  ja: {
    contact: '連絡先情報（氏名、メールアドレス、電話番号、住所など）',
    government_id: '公的な識別番号（マイナンバー、旅券番号、運転免許証番号など）',
    financial: '金融口座に関する情報',
    payment_card: 'クレジットカード等の決済情報',
    health: '健康・医療に関する情報',
    credentials: 'アカウントのIDおよびパスワード',
    special_category: '要配慮個人情報',
    children: '子どもに関する情報',
    biometric: '生体情報',
    location: '位置情報',
    other: 'その他の個人情報',
  },
}

export function categoryLabel(category: string, locale: string): string {
  const table = CATEGORY_LABELS[locale.slice(0, 2)] ?? CATEGORY_LABELS.en!
  return table[category as Category] ?? category
}
