import {describe, expect, it} from 'vitest'
import {DATA_CATEGORIES} from '../../src/core/facts/vocabulary.js'
import {CATEGORY_LABELS, categoryLabel} from '../../src/core/notices/labels.js'

describe('categoryLabel', () => {
  it('reads a category as people say it', () => {
    expect(categoryLabel('ssn', 'en')).toBe('Social Security numbers')
    expect(categoryLabel('credentials', 'en')).toBe('account usernames and passwords')
  })

  it('follows the language of the locale, region or not', () => {
    expect(categoryLabel('health', 'ja')).toBe('健康・医療に関する情報')
    expect(categoryLabel('health', 'ja-JP')).toBe('健康・医療に関する情報')
    expect(categoryLabel('health', 'en-GB')).toBe('health or medical information')
  })

  it('falls back to English for a language without labels', () => {
    expect(categoryLabel('passport', 'de-DE')).toBe('passport numbers')
  })

  it('keeps a category it does not know as it is', () => {
    expect(categoryLabel('shoe_size', 'en')).toBe('shoe_size')
    expect(categoryLabel('shoe_size', 'ja')).toBe('shoe_size')
  })

  it('has a distinct label for every data category in every language', () => {
    for (const [language, table] of Object.entries(CATEGORY_LABELS)) {
      expect(Object.keys(table).sort(), language).toEqual([...DATA_CATEGORIES].sort())
      for (const category of DATA_CATEGORIES) expect(table[category], `${language} ${category}`).not.toBe(category)
      expect(new Set(Object.values(table)).size, language).toBe(DATA_CATEGORIES.length)
    }
  })
})
