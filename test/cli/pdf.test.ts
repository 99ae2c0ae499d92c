import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {chromiumPath, launchChromium, withPrintFonts} from '../../src/render/pdf.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {sampleIncident} from '../helpers/sample-incident.js'

// Printing needs Debian's chromium (CI installs it with .ci/run); without it these tests say why and do not run,
// except in CI, where a missing Chromium fails the suite.
const hasChromium = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo')
if (!hasChromium && process.env.RUNBOOK_CI) throw new Error(`CI must print PDFs: no Chromium at ${chromiumPath()}, or no pdftotext/pdfinfo`)
if (!hasChromium) console.warn(`pdf.test.ts: no Chromium at ${chromiumPath()} or no poppler-utils: PDF tests not run (apt-get install chromium poppler-utils)`)

const info = (pdf: string) => execFileSync('pdfinfo', [pdf], {encoding: 'utf8'})
const pageCount = (pdf: string) => Number(/^Pages:\s+(\d+)/m.exec(info(pdf))![1])
const pages = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], {encoding: 'utf8'})
    .split('\f')
    .filter((p) => p.trim())
const LETTER = /Page size:\s+612 x 792 pts \(letter\)/
const A4 = /Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/

/** The page numbers printed at the foot of each page, as [page, of]. */
const footers = (texts: string[], pattern: RegExp) =>
  texts.map((text) => {
    const match = pattern.exec(text)
    expect(match, text.slice(-200)).not.toBeNull()
    return [Number(match![1]), Number(match![2])]
  })

describe.runIf(hasChromium)('PDF printed by the local Chromium', () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await sampleIncident([['affected.DE', '40']])
  })

  it('the California notice: US Letter, every page numbered "Page N of M", M the page count, the text readable', async () => {
    const pdf = join(tempDir(), 'ca.pdf')
    const result = await runCli(['notice', 'render', 'customer/us', '--for', 'US-CA', '--format', 'pdf', '--out', pdf], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    expect(info(pdf)).toMatch(LETTER)
    const text = pages(pdf)
    const total = pageCount(pdf)
    expect(total).toBeGreaterThanOrEqual(2)
    expect(text).toHaveLength(total)
    expect(footers(text, /Page (\d+) of (\d+)/)).toEqual(Array.from({length: total}, (_v, i) => [i + 1, total]))
    const all = text.join('\n')
    for (const heading of [
      'Notice of Data Breach',
      'What Happened',
      'What Information Was Involved',
      'What We Are Doing',
      'What You Can Do',
      'For More Information',
    ])
      expect(all).toContain(heading)
    expect(all).toContain('California Attorney General')
    // The timeline records the PDF's hash like any other rendered document.
    expect(result.stderr).toMatch(/Wrote .*ca\.pdf \(\d+ bytes, sha256 [0-9a-f]{16}/)
  })

  it('the GDPR Art. 33 report: A4 (a European regulator), numbered, the text readable', async () => {
    const pdf = join(tempDir(), 'art33.pdf')
    // The sample incident is past its 72 hours: a late report carries the reasons for the delay (Art. 33(1)).
    expect((await runCli(['deadline', 'met', 'gdpr-art33', '--delay-reason', 'the scope was confirmed on day 4'], {workspace})).code).toBe(0)
    const result = await runCli(['notice', 'render', 'regulator/gdpr-art33', '--format', 'pdf', '--out', pdf], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(info(pdf)).toMatch(A4)
    const text = pages(pdf)
    expect(text).toHaveLength(pageCount(pdf))
    expect(footers(text, /Page (\d+) of (\d+)/).map(([n]) => n)).toEqual(Array.from({length: text.length}, (_v, i) => i + 1))
    expect(text.join('\n')).toContain('Article 33')
  })

  it('the Japanese notice: A4, numbered in Japanese, its Japanese text read back by pdftotext', async () => {
    const pdf = join(tempDir(), 'ja.pdf')
    const result = await runCli(['notice', 'render', 'customer/appi', '--locale', 'ja', '--for', 'JP', '--format', 'pdf', '--out', pdf], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(info(pdf)).toMatch(A4)
    const text = pages(pdf)
    expect(text).toHaveLength(pageCount(pdf))
    expect(footers(text, /(\d+)\s*\/\s*(\d+)\s*ページ/)).toEqual(Array.from({length: text.length}, (_v, i) => [i + 1, text.length]))
    const all = text.join('\n').replace(/\s+/g, '')
    // The facts in Japanese, as set (pdftotext may break lines anywhere; white space is folded before comparing).
    expect(all).toContain('他のサイトから盗まれたパスワードが使われ')
    expect(all).toContain('個人情報の漏えいに関するお詫びとお知らせ')
    expect(all).not.toMatch(/\uFFFD/)
  })

  it('Japanese is set in the Japanese forms of Noto CJK, every character from a font that has it', async () => {
    // Chromium embeds CJK fonts as Type 3 (no names in the PDF), so ask it which fonts it lays the page out with.
    const html = join(tempDir(), 'ja.html')
    expect((await runCli(['notice', 'render', 'customer/appi', '--locale', 'ja', '--for', 'JP', '--format', 'html', '--out', html], {workspace})).code).toBe(0)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent(withPrintFonts(readFileSync(html, 'utf8')))
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('DOM.enable')
      await cdp.send('CSS.enable')
      const {root} = await cdp.send('DOM.getDocument')
      const {nodeIds} = await cdp.send('DOM.querySelectorAll', {nodeId: root.nodeId, selector: 'h1, h2, p, li'})
      const families = new Set<string>()
      for (const nodeId of nodeIds) for (const font of (await cdp.send('CSS.getPlatformFontsForNode', {nodeId})).fonts) families.add(font.familyName)
      expect([...families].filter((f) => /CJK/.test(f))).toEqual(expect.arrayContaining([expect.stringMatching(/^Noto (Serif|Sans) CJK JP$/)]))
      // No Chinese or Korean forms of the same characters, and no "last resort" boxes.
      for (const family of families) expect(family, family).toMatch(/CJK JP$|^(DejaVu|Noto Serif|Noto Sans|Liberation|Georgia)/)
    } finally {
      await browser.close()
    }
  })

  it('a batch of two letters: US Letter, each letter numbered on its own, the pages adding up', async () => {
    const csv = join(tempDir(), 'letters.csv')
    writeFileSync(
      csv,
      'id,name,email,address,language,channel,country,state\nL1,Ben Ode,,"12 Elm St\nSpringfield, CA 90001",en,letter,US,CA\nL2,Cara Diaz,,"9 Oak Ave\nFresno, CA 93650",en,letter,US,CA\n',
    )
    const out = join(tempDir(), 'letters')
    const result = await runCli(['notify', 'customers', '--recipients', csv, '--out', out, '--letters', 'pdf'], {workspace})
    expect(result.code, result.stderr).toBe(0)
    const pdf = join(out, 'letters-0001.pdf')
    expect(info(pdf)).toMatch(LETTER)
    const text = pages(pdf)
    expect(text).toHaveLength(pageCount(pdf))
    const numbers = footers(text, /Page (\d+) of (\d+)/)
    const starts = numbers.flatMap(([n], i) => (n === 1 ? [i] : []))
    expect(starts).toHaveLength(2)
    // Each letter's pages run 1..M, and the two M add up to the file's pages.
    const lengths = [starts[1]! - starts[0]!, text.length - starts[1]!]
    expect(numbers).toEqual(lengths.flatMap((m) => Array.from({length: m}, (_v, i) => [i + 1, m])))
    expect(text.slice(0, lengths[0]).join('\n')).toContain('Ben Ode')
    expect(text.slice(lengths[0]).join('\n')).toContain('Cara Diaz')
    // The next steps name the PDF for the mail house, and the manifest lists it.
    expect(result.stdout).toContain(`send letters-0001.pdf from ${out} to the mail house`)
    expect(readFileSync(join(out, 'MANIFEST.sha256'), 'utf8')).toMatch(/[0-9a-f]{64} {2}letters-0001\.pdf\n/)
  })

  it("the after-action report as a PDF on the organisation's paper", async () => {
    const pdf = join(tempDir(), 'aar.pdf')
    const result = await runCli(['report', 'after-action', '--format', 'pdf', '--out', pdf], {workspace})
    expect(result.code, result.stderr).toBe(0)
    expect(info(pdf)).toMatch(LETTER)
    const text = pages(pdf)
    expect(text).toHaveLength(pageCount(pdf))
    expect(text.join('\n')).toContain('After-action report')
  })
})

describe('PDF without Chromium', () => {
  it('says which package to install, writes nothing, and leaves other formats working', async () => {
    const workspace = await sampleIncident()
    const pdf = join(tempDir(), 'x.pdf')
    const env = {RUNBOOK_CHROMIUM: join(tempDir(), 'no-chromium-here')}
    const result = await runCli(['notice', 'render', 'customer/us', '--format', 'pdf', '--out', pdf], {workspace, env})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('printing to PDF needs Chromium')
    expect(result.stderr).toContain('Install the Debian package chromium')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(pdf)).toBe(false)
    const report = await runCli(['report', 'after-action', '--format', 'pdf', '--out', pdf], {workspace, env})
    expect(report.stderr).toContain('Install the Debian package chromium')
    expect((await runCli(['notice', 'render', 'customer/us', '--format', 'html', '--out', join(tempDir(), 'x.html')], {workspace, env})).code).toBe(0)
  })

  it('a PDF goes to a file: without --out it is refused before anything is printed', async () => {
    const workspace = await sampleIncident()
    const result = await runCli(['notice', 'render', 'customer/us', '--format', 'pdf'], {workspace})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('a PDF is written to a file: add --out FILE')
  })
})
