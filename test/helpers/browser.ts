import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {chromiumPath} from '../../src/render/pdf.js'
import {ROOT, tempDir} from './cli.js'

/** Debian's chromium (never a downloaded browser): browser tests need it, and in CI (RUNBOOK_CI=1) they must run. */
export const hasChromium = existsSync(chromiumPath())

export function requireChromium(file: string): void {
  if (!hasChromium && process.env.RUNBOOK_CI) throw new Error(`CI must run the browser tests: no Chromium at ${chromiumPath()} (apt-get install chromium)`)
  if (!hasChromium) console.warn(`${file}: no Chromium at ${chromiumPath()}: browser tests not run (apt-get install chromium, or set RUNBOOK_CHROMIUM)`)
}

/** A headless Chromium with a fresh profile of its own, started as src/render/pdf.ts starts it. */
export async function openBrowser(): Promise<BrowserContext> {
  const {chromium} = await import('playwright-core')
  return chromium.launchPersistentContext(tempDir('runbook-chromium-'), {
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: {width: 1280, height: 900},
  })
}

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: {target: string[]}[]
}

/**
 * axe-core's violations on the page. The page's CSP refuses inline script, so axe is not added as a <script> (that
 * is refused, as it should be); it is evaluated through the DevTools protocol, which the page's policy does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'))
  return page.evaluate(async () => {
    const page = globalThis as unknown as {axe: {run(context: unknown, options: unknown): Promise<{violations: AxeViolation[]}>}; document: unknown}
    const result = await page.axe.run(page.document, {resultTypes: ['violations']})
    return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({target: n.target}))}))
  })
}

/** Where this run's screenshots go (printed, so a person can look at them). */
export function screenshotDir(name: string): string {
  const dir = process.env.RUNBOOK_SCREENSHOTS ? join(process.env.RUNBOOK_SCREENSHOTS, name) : tempDir(`runbook-${name}-shots-`)
  mkdirSync(dir, {recursive: true})
  return dir
}
