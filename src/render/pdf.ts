import {existsSync} from 'node:fs'
import {OperationalError} from '../core/errors.js'
import type {Paper} from './letter.js'

/** Where runbook looks for a browser to print with: RUNBOOK_CHROMIUM, else Debian's chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNBOOK_CHROMIUM || '/usr/bin/chromium'
}

type Browser = import('playwright-core').Browser

/**
 * A local, headless Chromium (never a downloaded one), started as the project's stack notes ask: no sandbox (it
 * may run as root in CI), no GPU, no background network, a fresh profile (playwright makes one per launch).
 */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env)
  if (!existsSync(executablePath)) {
    throw new OperationalError(`printing to PDF needs Chromium, and there is none at ${executablePath}`, {
      hint: 'Install the Debian package chromium (apt-get install chromium; fonts-noto-cjk for Japanese), or point RUNBOOK_CHROMIUM at a Chromium binary. Other formats (--format html) need no browser.',
    })
  }
  const {chromium} = await import('playwright-core')
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

const FORMAT: Record<Paper, 'Letter' | 'A4'> = {letter: 'Letter', a4: 'A4'}

export interface PdfOptions {
  paper: Paper
  /** "Page N of M" at the foot of each page, in the document's language. */
  pageNumbers: boolean
  lang: string
}

function footer(lang: string): string {
  const words = lang.startsWith('ja') ? ['', ' / ', ' ページ'] : ['Page ', ' of ', '']
  return `<div style="font: 8pt ${SANS}; width: 100%; text-align: center; color: #444;">${words[0]}<span class="pageNumber"></span>${words[1]}<span class="totalPages"></span>${words[2]}</div>`
}

const SANS = `"Noto Sans", "DejaVu Sans", "Noto Sans CJK JP", sans-serif`

/**
 * Fonts for print, declared rather than left to the machine's fallback: Japanese text in the Japanese forms of
 * Noto CJK (Debian's fonts-noto-cjk; the fallback could choose the Chinese forms of the same characters, or none),
 * Latin text in Noto or DejaVu. Added to every page printed, whatever its template declares.
 */
const PRINT_FONTS = `<style>
:lang(ja), :lang(ja) * { font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", "IPAexMincho", "IPAMincho", "Hiragino Mincho ProN", serif !important; }
:lang(ja) h1, :lang(ja) h2, :lang(ja) h3 { font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", "IPAexGothic", sans-serif !important; }
</style>`

/** The page with the print fonts declared in its head. */
export function withPrintFonts(html: string): string {
  const at = html.search(/<\/head>/i)
  return at >= 0 ? `${html.slice(0, at)}${PRINT_FONTS}${html.slice(at)}` : `${PRINT_FONTS}${html}`
}

/** One document printed by a Chromium started for it and closed after: `notice render` and `report` print one. */
export async function printPdf(html: string, options: PdfOptions, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const browser = await launchChromium(env)
  try {
    return await htmlToPdf(browser, html, options)
  } finally {
    await browser.close()
  }
}

/** One HTML document as a PDF, on the organisation's paper, with page numbers of its own. */
export async function htmlToPdf(browser: Browser, html: string, options: PdfOptions): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setContent(withPrintFonts(html), {waitUntil: 'load'})
    return await page.pdf({
      format: FORMAT[options.paper],
      printBackground: true,
      displayHeaderFooter: options.pageNumbers,
      headerTemplate: '<span></span>',
      footerTemplate: footer(options.lang),
      margin: {top: '2cm', bottom: '2.2cm', left: '2cm', right: '2cm'},
    })
  } finally {
    await page.close()
  }
}

/**
 * A batch of letters (the HTML the mail merge writes) as one PDF: each letter printed on its own, so its pages are
 * numbered "page N of M" of that letter, then the letters joined in order.
 */
export async function lettersToPdf(
  browser: Browser,
  batchHtml: string,
  options: Omit<PdfOptions, 'pageNumbers'>,
): Promise<{pdf: Buffer; letters: number; pages: number}> {
  const head = batchHtml.slice(0, batchHtml.indexOf('<body>') + '<body>'.length)
  const banner = /<div class="exercise-page top">[\s\S]*?<\/div><div class="exercise-page bottom">[\s\S]*?<\/div>/.exec(batchHtml)?.[0] ?? ''
  const sections = batchHtml.match(/<section class="letter[\s\S]*?<\/section>/g) ?? []
  const {PDFDocument} = await import('pdf-lib')
  const joined = await PDFDocument.create()
  for (const section of sections) {
    const lang = /lang="([^"]+)"/.exec(section)?.[1] ?? options.lang
    const single = await htmlToPdf(browser, `${head}\n${banner}${section}</body></html>`, {...options, lang, pageNumbers: true})
    const letter = await PDFDocument.load(single)
    for (const page of await joined.copyPages(letter, letter.getPageIndices())) joined.addPage(page)
  }
  const pdf = Buffer.from(await joined.save())
  return {pdf, letters: sections.length, pages: joined.getPageCount()}
}
