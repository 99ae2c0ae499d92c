import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {factsMarkdown} from '../../src/render/facts-doc.js'

describe('docs/facts.md', () => {
  it('is the fact table as the CLI knows it (run `npm run build && npm run docs` after changing facts)', () => {
    expect(readFileSync(new URL('../../docs/facts.md', import.meta.url), 'utf8')).toBe(factsMarkdown())
  })
})
