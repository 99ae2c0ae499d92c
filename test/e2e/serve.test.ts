import {join} from 'node:path'
import type {Page} from 'playwright-core'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli, runJson} from '../helpers/cli.js'
import {axeViolations, hasChromium, openBrowser, requireChromium, screenshotDir} from '../helpers/browser.js'
import {sampleIncident} from '../helpers/sample-incident.js'
import {spawnServe, type SpawnedServe} from '../helpers/serve.js'

requireChromium('test/e2e/serve.test.ts')

/** What a page reports about itself: its text and markup, and any script or policy error it logged. */
function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return problems
}

const seriousOrCritical = async (page: Page) => (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')

const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

describe.runIf(hasChromium)('runbook serve in a real browser', () => {
  let workspace: string
  let incident: string
  let drill: string
  const shots = screenshotDir('serve')

  beforeAll(async () => {
    workspace = await sampleIncident()
    incident = (await runJson<{id: string}>(['status'], {workspace})).id
    drill = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--speed', '60'], {workspace})).stdout.trim()
    expect(drill).toMatch(/^drill-/)
    console.log(`test/e2e/serve.test.ts: screenshots in ${shots}`)
  })

  describe('the incident dashboard', () => {
    let server: SpawnedServe

    beforeAll(async () => {
      server = await spawnServe([incident], {workspace})
    })
    afterAll(async () => {
      await server.stop()
    })

    it('shows a fact set from the command line within 2 s, has no serious accessibility problem, and prints on one page', async () => {
      const browser = await openBrowser()
      try {
        const page = await browser.newPage()
        const problems = watchConsole(page)
        const bytes: number[] = []
        page.on(
          'response',
          (r) =>
            void r.body().then(
              (b) => bytes.push(b.length),
              () => undefined,
            ),
        )
        await page.goto(server.links.get('Dashboard')!)
        await page.locator('#live-status', {hasText: 'Live'}).waitFor({timeout: 5000})
        // The token left the address bar once it became a cookie.
        expect(page.url()).not.toContain('token=')
        expect(await page.locator('h1').innerText()).toContain('Account takeover')
        // The clock ticks in the page, to the second.
        const before = await page.locator('#clock').innerText()
        expect(before).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
        await page.waitForFunction((text) => document.getElementById('clock')?.textContent !== text, before, {timeout: 3000})
        expect(await page.locator('.countdown').first().innerText()).toMatch(/^(in|overdue by) \d+[dhm]/)

        const value = `Web shop login servers ${Date.now()}`
        expect((await runCli(['fact', 'set', 'systems_affected', value, '--incident', incident], {workspace})).code).toBe(0)
        const recorded = performance.now()
        await page.locator('[data-fact="systems_affected"] .value', {hasText: value}).waitFor({timeout: 2000})
        console.log(`test/e2e/serve.test.ts: fact set -> on the page in ${(performance.now() - recorded).toFixed(0)} ms`)

        // The page's own policy refuses inline script, even from the test runner.
        await expect(page.addScriptTag({content: 'window.injected = true'})).rejects.toThrow(/Content Security Policy/)
        problems.splice(0)

        expect(await seriousOrCritical(page)).toEqual([])
        await page.screenshot({path: join(shots, 'dashboard.png'), fullPage: true})
        const pdf = await PDFDocument.load(await page.pdf({printBackground: true, preferCSSPageSize: true}))
        expect(pdf.getPageCount()).toBe(1)
        // A4 landscape, as the print stylesheet asks (842 x 595 points).
        expect(pdf.getPage(0).getSize()).toEqual({width: expect.closeTo(842, 0), height: expect.closeTo(595, 0)})
        expect(problems).toEqual([])
        const total = bytes.reduce((a, b) => a + b, 0)
        console.log(`test/e2e/serve.test.ts: dashboard first load and update: ${total} bytes`)
      } finally {
        await browser.close()
      }
    })
  })

  describe('the drill: projector and facilitator console', () => {
    let server: SpawnedServe
    let browser: Awaited<ReturnType<typeof openBrowser>>
    let projector: Page
    let console_: Page
    let problems: string[][]

    beforeAll(async () => {
      server = await spawnServe([drill], {workspace})
      browser = await openBrowser()
      console_ = await browser.newPage()
      projector = await browser.newPage()
      problems = [watchConsole(console_), watchConsole(projector)]
      await console_.goto(server.links.get('Console')!)
      await projector.goto(server.links.get('Projector')!)
      for (const page of [console_, projector]) await page.locator('#live-status', {hasText: 'Live'}).waitFor({timeout: 5000})
    })
    afterAll(async () => {
      // Stopped with the pages still open: Ctrl-C ends their live streams and exits cleanly.
      const code = await server.stop()
      await browser.close()
      expect(code).toBe(0)
      expect(server.stdout()).toMatch(/Stopped\.\s*$/)
    })

    const mselOf = async (): Promise<{id: string; title: string; message: string; expects: {step?: string; decision?: string} | null}[]> =>
      (await console_.evaluate(async () => (await fetch('/api/view/console')).json())).facilitator.msel

    it('the facilitator pauses the clock and the projector says so', async () => {
      expect(await projector.locator('main p.running').count()).toBe(1)
      await console_.locator('#act-pause').click()
      await projector.locator('main p.paused', {hasText: 'Paused'}).waitFor({timeout: 2000})
      await console_.locator('#act-resume').waitFor({timeout: 2000})
      expect(await console_.locator('#feedback').innerText()).toMatch(/^Paused at /)
    })

    it('fires an inject, and the projector shows its full message, never what is expected of the players', async () => {
      const silence = (await mselOf()).find((e) => e.id === 'vendor-silence')!
      expect(await projector.locator('#inject-vendor-silence').count()).toBe(0)
      await console_.locator('#fire-vendor-silence').click()
      const shown = projector.locator('#inject-vendor-silence')
      await shown.waitFor({timeout: 2000})
      expect(flat(await shown.locator('.message').innerText())).toBe(flat(silence.message))
      expect(await projector.locator('.inject.newest').getAttribute('id')).toBe('inject-vendor-silence')
      // The console shows it as arrived, fired early.
      await console_.locator('tr', {hasText: silence.title}).filter({hasText: 'fired early'}).waitFor({timeout: 2000})

      const html = await projector.content()
      const text = await projector.locator('body').innerText()
      expect(text).not.toMatch(/Expected/i)
      expect(html).not.toMatch(/Expected/i)
      for (const entry of await mselOf()) {
        if (entry.expects?.decision) expect(html, entry.id).not.toContain(entry.expects.decision)
        if (entry.expects?.step) expect(html, entry.id).not.toContain(entry.expects.step)
      }
      // And the players' data carries none either.
      const data = JSON.stringify(await projector.evaluate(async () => (await fetch('/api/view/projector')).json()))
      expect(data).not.toMatch(/expect/i)
    })

    it('sends an inject from the floor, rates an objective and resumes the clock', async () => {
      await console_.locator('#add-title').fill('Phone call from the CEO')
      await console_.locator('#add-message').fill('The CEO asks: "Do we have to tell staff before the <b>press</b> does?"')
      await console_.locator('#add-send').click()
      await projector.locator('.inject.newest h3', {hasText: 'Phone call from the CEO'}).waitFor({timeout: 2000})
      expect(await projector.locator('.inject.newest .message').innerText()).toContain('before the <b>press</b> does?')

      await console_.locator('#rate-2-S').click()
      await console_.locator('#rate-2-S[aria-pressed="true"]').waitFor({timeout: 2000})
      expect(await console_.locator('table.objectives tr', {hasText: 'Get facts from the vendor'}).innerText()).toContain('Performed with some challenges')

      await console_.locator('#act-resume').click()
      await projector.locator('main p.running').waitFor({timeout: 2000})
    })

    it('has no serious accessibility problem on either view; screenshots of both', async () => {
      for (const [name, page] of [
        ['projector', projector],
        ['console', console_],
      ] as const) {
        expect(await seriousOrCritical(page), name).toEqual([])
        await page.screenshot({path: join(shots, `${name}.png`), fullPage: true})
      }
      expect(problems.flat()).toEqual([])
    })
  })
})
