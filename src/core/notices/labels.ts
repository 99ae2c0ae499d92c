import type {DATA_CATEGORIES} from '../facts/vocabulary.js'

type Category = (typeof DATA_CATEGORIES)[number]

/** How a data category reads in a notice, per language (people do not say "government_id"). */
export const CATEGORY_LABELS: Record<string, Record<Category, string>> = {
  en: {
    contact: 'contact details (such as name, email address, phone number or postal address)',
    government_id: "government identification numbers (such as Social Security, passport or driver's licence numbers)",
    ssn: 'Social Security numbers',
    drivers_license: "driver's licence or state identification card numbers",
    passport: 'passport numbers',
    tax_id: 'taxpayer identification numbers',
    military_id: 'military identification numbers',
    financial: 'financial account information',
    payment_card: 'payment card information',
    health: 'health or medical information',
    health_insurance: 'health insurance information (such as policy or subscriber numbers)',
    credentials: 'account usernames and passwords',
    special_category: 'sensitive information (such as beliefs, ethnicity or sexual orientation)',
    children: 'information about children',
    biometric: 'biometric information',
    genetic: 'genetic information',
    date_of_birth: 'dates of birth',
    mothers_maiden_name: "mothers' maiden names",
    electronic_signature: 'electronic signatures',
    employee_id: 'employee identification numbers with their access codes',
    location: 'location information',
    other: 'other personal information',
  },
  ja: {
    contact: '連絡先情報（氏名、メールアドレス、電話番号、住所など）',
    government_id: '公的な識別番号（マイナンバー、旅券番号、運転免許証番号など）',
    ssn: '社会保障番号',
    drivers_license: '運転免許証番号',
    passport: '旅券番号',
    tax_id: '納税者番号',
    military_id: '軍の身分証番号',
    financial: '金融口座に関する情報',
    payment_card: 'クレジットカード等の決済情報',
    health: '健康・医療に関する情報',
    health_insurance: '健康保険に関する情報（保険証の記号・番号など）',
    credentials: 'アカウントのIDおよびパスワード',
    special_category: '要配慮個人情報',
    children: '子どもに関する情報',
    biometric: '生体情報',
    genetic: '遺伝情報',
    date_of_birth: '生年月日',
    mothers_maiden_name: '母親の旧姓',
    electronic_signature: '電子署名',
    employee_id: '従業員番号とそのアクセスコード',
    location: '位置情報',
    other: 'その他の個人情報',
  },
}

export function categoryLabel(category: string, locale: string): string {
  const table = CATEGORY_LABELS[locale.slice(0, 2)] ?? CATEGORY_LABELS.en!
  return table[category as Category] ?? category
}
