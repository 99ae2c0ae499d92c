import {request} from 'node:http'
import {networkInterfaces} from 'node:os'
import {connect} from 'node:net'
import {copyFileSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {planBind, isLoopback} from '../../src/app/serve/bind.js'
import {AccessTokens} from '../../src/app/serve/tokens.js'
import type {RunningServer} from '../../src/app/serve/server.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'
import {escapeHtml as escapeForHtml} from '../../src/app/serve/html.js'
import {sampleIncident} from '../helpers/sample-incident.js'
import {bare, linkFor, serveInProcess, spawnServe} from '../helpers/serve.js'
import {UserError} from '../../src/core/errors.js'

/** The UserError a promise rejects with; fails the test on anything else. */
async function rejected(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  return expect.fail('expected a UserError, but nothing was thrown')
}

/** Reads a Server-Sent Events stream until `until` holds for the text so far (or the time is up). */
async function readStream(url: string, headers: Record<string, string>, until: (text: string) => boolean, ms: number, during?: () => Promise<void>) {
  const controller = new AbortController()
  const response = await fetch(url, {headers, signal: controller.signal})
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const timer = setTimeout(() => controller.abort(), ms)
  const started = performance.now()
  let duringDone = false
  try {
    while (!until(text)) {
      const {value, done} = await reader.read()
      if (done) break
      text += decoder.decode(value, {stream: true})
      // Once the stream has said hello (and sent what it had), make the change it should report.
      if (!duringDone && during && text.includes('retry:')) {
        duringDone = true
        await new Promise((resolve) => setTimeout(resolve, 100))
        text = ''
        await during()
      }
    }
  } catch {
    // Aborted: the time was up.
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
  return {text, ms: performance.now() - started}
}

/** A workspace with one open incident and no facts. */
async function openIncidentWorkspace(): Promise<string> {
  const workspace = tempDir()
  copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
  expect((await runCli(['incident', 'open', '--playbook', 'account-takeover'], {workspace})).code).toBe(0)
  return workspace
}

describe('runbook serve: access', () => {
  let workspace: string
  let server: RunningServer & {notes: () => string}
  let dashboard: URL
  let token: string

  beforeAll(async () => {
    workspace = await sampleIncident([['systems_affected', 'Shop <script>alert("x")</script> & "admin" panel']])
    server = await serveInProcess(workspace)
    dashboard = linkFor(server, 'Dashboard')
    token = dashboard.searchParams.get('token')!
  })
  afterAll(async () => {
    await server.close()
  })

  it('listens on loopback, on a free port, and prints a link with a long random token', () => {
    expect(server.info.host).toBe('127.0.0.1')
    expect(server.info.loopback).toBe(true)
    expect(server.info.port).toBeGreaterThan(0)
    expect(dashboard.hostname).toBe('127.0.0.1')
    // 32 random bytes in base64url.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // A real incident has no drill views, and so no facilitator link.
    expect(server.info.links.map((l) => l.label)).toEqual(['Dashboard'])
  })

  it('answers 401 to every request without a valid token: pages, assets, the live stream, data, actions', async () => {
    for (const path of ['/dashboard', '/', '/assets/app.css', '/assets/live.js', '/events?view=dashboard', '/api/view/dashboard', '/nope']) {
      const response = await fetch(bare(dashboard, path), {redirect: 'manual'})
      expect(response.status, path).toBe(401)
      expect(await response.text(), path).not.toContain('Northwind')
    }
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect((await fetch(`${bare(dashboard)}?token=${wrong}`)).status).toBe(401)
    expect((await fetch(bare(dashboard), {headers: {cookie: `runbook-${server.info.port}-viewer=${wrong}`}})).status).toBe(401)
    expect((await fetch(bare(dashboard, '/api/act/pause'), {method: 'POST'})).status).toBe(401)
  })

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie that then opens the page and its assets', async () => {
    const first = await fetch(dashboard)
    expect(first.status).toBe(200)
    const cookie = first.headers.get('set-cookie')!
    expect(cookie).toMatch(new RegExp(`^runbook-${server.info.port}-viewer=${token};`))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const jar = cookie.split(';')[0]!
    for (const path of ['/dashboard', '/assets/app.css', '/assets/live.js', '/api/view/dashboard'])
      expect((await fetch(bare(dashboard, path), {headers: {cookie: jar}})).status, path).toBe(200)
  })

  it('serves a strict Content-Security-Policy, no inline script or style, and every value escaped', async () => {
    const response = await fetch(dashboard)
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await response.text()
    // Every script is a file of this server's; no inline handlers, no style attributes or elements, nothing remote.
    for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/src="\/assets\/[a-z]+\.js"/)
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/\sstyle=/i)
    expect(html).not.toMatch(/<style\b/i)
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    // The fact typed with markup in it is shown as text.
    expect(html).toContain('Shop &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;admin&quot; panel')
    expect(html).not.toContain('<script>alert')
  })

  it('shows phases, next steps with owners, facts and deadlines with their due times', async () => {
    const html = await (await fetch(dashboard)).text()
    expect(html).toContain('Detection &amp; Analysis')
    expect(html).toMatch(/Next steps[\s\S]*Incident commander|Next steps[\s\S]*Security lead/)
    expect(html).toContain('data-fact="affected.total"')
    expect(html).toContain('ca-1798.82-individual')
    expect(html).toMatch(/class="countdown" data-due="\d{4}-\d\d-\d\dT/)
    expect(html).toMatch(/<svg\s+class="axis"[^>]*role="img"/)
    const data = (await (await fetch(bare(dashboard, '/api/view/dashboard'), {headers: {cookie: `runbook-${server.info.port}-viewer=${token}`}})).json()) as {
      view: string
      facts: {key: string}[]
      deadlines: {id: string}[]
    }
    expect(data.view).toBe('dashboard')
    expect(data.facts.map((f) => f.key)).toContain('affected.total')
    expect(data.deadlines.map((d) => d.id)).toContain('ca-1798.82-individual')
  })

  it('keeps the first load of the dashboard under 200 KB, assets included', async () => {
    const page = await fetch(dashboard)
    const html = await page.text()
    const jar = page.headers.get('set-cookie')!.split(';')[0]!
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets).toEqual(expect.arrayContaining(['/assets/app.css', '/assets/live.js']))
    let bytes = Buffer.byteLength(html)
    for (const asset of assets) bytes += (await (await fetch(bare(dashboard, asset), {headers: {cookie: jar}})).arrayBuffer()).byteLength
    console.log(`serve.test.ts: first load of the dashboard: ${bytes} bytes (${assets.length} assets)`)
    expect(bytes).toBeLessThan(200 * 1024)
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {host: '127.0.0.1', port: server.info.port, path: `/dashboard?token=${token}`, headers: {host: `evil.example:${server.info.port}`}},
        (res) => {
          res.resume()
          resolve(res.statusCode!)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('pushes a fact set from the command line to an open live stream', async () => {
    const cookie = `runbook-${server.info.port}-viewer=${token}`
    const {text, ms} = await readStream(
      bare(dashboard, '/events?view=dashboard&version=old'),
      {cookie},
      (t) => t.includes('Ransomware note found on the file server'),
      5000,
      async () => {
        expect((await runCli(['fact', 'set', 'systems_affected', 'Ransomware note found on the file server'], {workspace})).code).toBe(0)
      },
    )
    expect(text).toMatch(/^event: view$/m)
    expect(text).toContain('Ransomware note found on the file server')
    expect(ms).toBeLessThan(5000)
  })

  it('lets no read-only token act: 403 for the viewer token in the header, and for a cookie without the header', async () => {
    const viewer = await fetch(bare(dashboard, '/api/act/pause'), {
      method: 'POST',
      headers: {'x-runbook-token': token, 'content-type': 'application/json'},
      body: '{}',
    })
    expect(viewer.status).toBe(403)
    expect(((await viewer.json()) as {error: string}).error).toMatch(/facilitator/)
    const cookieOnly = await fetch(bare(dashboard, '/api/act/pause'), {method: 'POST', headers: {cookie: `runbook-${server.info.port}-viewer=${token}`}})
    expect(cookieOnly.status).toBe(403)
  })
})

describe('runbook serve: a drill', () => {
  let workspace: string
  let drill: string
  let server: RunningServer & {notes: () => string}
  let viewer: string
  let facilitator: string
  const post = (action: string, headers: Record<string, string>, body: unknown = {}) =>
    fetch(`http://127.0.0.1:${server.info.port}/api/act/${action}`, {
      method: 'POST',
      headers: {'content-type': 'application/json', ...headers},
      body: JSON.stringify(body),
    })
  /** Events in the drill's log: a refused action records nothing. */
  const recorded = () =>
    readFileSync(join(workspace, 'drills', drill, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n').length

  beforeAll(async () => {
    workspace = tempDir()
    copyFileSync(join(ROOT, 'test', 'fixtures', 'northwind.yaml'), join(workspace, 'runbook.yaml'))
    drill = (await runCli(['drill', 'start', '--scenario', 'vendor-breach-press', '--speed', '60'], {workspace})).stdout.trim()
    server = await serveInProcess(workspace, {id: drill})
    viewer = linkFor(server, 'Projector').searchParams.get('token')!
    facilitator = linkFor(server, 'Console').searchParams.get('token')!
  })
  afterAll(async () => {
    await server.close()
  })

  it('prints the projector for everyone and the console for the facilitator', () => {
    expect(server.info.links.map((l) => [l.label, l.role])).toEqual([
      ['Dashboard', 'viewer'],
      ['Projector', 'viewer'],
      ['Console', 'facilitator'],
    ])
  })

  it('keeps the console and its data from the read-only token (403)', async () => {
    const cookie = `runbook-${server.info.port}-viewer=${viewer}`
    for (const path of ['/console', '/api/view/console', '/events?view=console'])
      expect((await fetch(`http://127.0.0.1:${server.info.port}${path}`, {headers: {cookie}})).status, path).toBe(403)
    expect((await fetch(linkFor(server, 'Console').href.replace(facilitator, viewer))).status).toBe(403)
  })

  it('lets neither the read-only token nor a cookie alone pause or fire; the facilitator token in the header does', async () => {
    const before = recorded()
    const viewerCookie = `runbook-${server.info.port}-viewer=${viewer}`
    const facilitatorCookie = `runbook-${server.info.port}-facilitator=${facilitator}`
    expect((await post('pause', {'x-runbook-token': viewer})).status).toBe(403)
    expect((await post('fire', {'x-runbook-token': viewer}, {injectId: 'vendor-silence'})).status).toBe(403)
    expect((await post('pause', {cookie: viewerCookie})).status).toBe(403)
    // A forged cross-site form carries the cookie but cannot set the header: it does not act either.
    expect((await post('pause', {cookie: facilitatorCookie})).status).toBe(403)
    expect((await post('fire', {cookie: facilitatorCookie}, {injectId: 'vendor-silence'})).status).toBe(403)
    expect(recorded()).toBe(before)
    const projector = await (await fetch(linkFor(server, 'Projector'))).text()
    expect(projector).not.toContain('id="inject-vendor-silence"')
    expect(projector).toContain('Running at 60×')

    const paused = await post('pause', {'x-runbook-token': facilitator})
    expect(paused.status).toBe(200)
    expect(((await paused.json()) as {message: string}).message).toMatch(/^Paused at /)
    const fired = await post('fire', {'x-runbook-token': facilitator}, {injectId: 'vendor-silence'})
    expect(fired.status).toBe(200)
    const after = await (await fetch(linkFor(server, 'Projector'))).text()
    expect(after).toContain('id="inject-vendor-silence"')
    expect(after).toContain('Paused.')
  })

  it('answers a bad request in words, not a stack trace', async () => {
    const unknown = await post('fire', {'x-runbook-token': facilitator}, {injectId: 'no-such-inject'})
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as {error: string}).error).toMatch(/no-such-inject/)
    const missing = await post('add', {'x-runbook-token': facilitator}, {message: 'no title'})
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as {error: string}).error).toMatch(/^add: title: /)
    expect((await post('launch-missiles', {'x-runbook-token': facilitator})).status).toBe(404)
  })

  it('never puts an expected action on the projector, in its page or its data', async () => {
    const consoleData = (await (await fetch(`http://127.0.0.1:${server.info.port}/api/view/console`, {headers: {'x-runbook-token': facilitator}})).json()) as {
      facilitator: {msel: {id: string; expects: {step?: string; decision?: string} | null}[]}
    }
    const expectations = consoleData.facilitator.msel.flatMap((e) => [e.expects?.step, e.expects?.decision]).filter((x): x is string => Boolean(x))
    expect(expectations.length).toBeGreaterThan(2)
    const consoleHtml = await (await fetch(linkFor(server, 'Console'))).text()
    for (const expected of expectations) expect(consoleHtml).toContain(escapeForHtml(expected))
    const page = await (await fetch(linkFor(server, 'Projector'))).text()
    const data = await (await fetch(`http://127.0.0.1:${server.info.port}/api/view/projector`, {headers: {'x-runbook-token': viewer}})).text()
    for (const text of [page, data]) {
      expect(text).not.toMatch(/expect/i)
      for (const expected of expectations) expect(text).not.toContain(escapeForHtml(expected))
    }
    // The projector's page links no way to the console, even for the facilitator's own browser.
    const projectorAsFacilitator = await (await fetch(`http://127.0.0.1:${server.info.port}/projector`, {headers: {'x-runbook-token': facilitator}})).text()
    expect(projectorAsFacilitator).not.toContain('href="/console"')
  })
})

describe('runbook serve: where it listens', () => {
  it('tells loopback addresses from others', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopback(a), a).toBe(true)
    for (const a of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', 'localhost']) expect(isLoopback(a), a).toBe(false)
  })

  it('refuses a non-loopback address unless --host asked for it, and then flags it', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      const error = await rejected(() => planBind(host, false))
      expect(error.message, host).toMatch(/refusing to serve on .*not a loopback address/)
      expect(error.hint).toMatch(/--host/)
    }
    expect(await planBind(undefined, false)).toMatchObject({host: '127.0.0.1', loopback: true})
    expect(await planBind('localhost', true)).toMatchObject({loopback: true})
    expect(await planBind('0.0.0.0', true)).toMatchObject({host: '0.0.0.0', loopback: false})
    expect((await rejected(() => planBind('no-such-host.invalid', true))).message).toMatch(/no such host name/)
  })

  it('is not reachable on this machine’s network addresses by default', async () => {
    const workspace = await openIncidentWorkspace()
    const server = await serveInProcess(workspace)
    try {
      const outside = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal && a.family === 'IPv4')
        .map((a) => a!.address)
      for (const address of outside) {
        const reached = await new Promise<boolean>((resolve) => {
          const socket = connect({host: address, port: server.info.port})
          socket.once('connect', () => (socket.destroy(), resolve(true)))
          socket.once('error', () => resolve(false))
        })
        expect(reached, address).toBe(false)
      }
      if (outside.length === 0) console.warn('serve.test.ts: this machine has no network address besides loopback; only the bind plan is checked')
    } finally {
      await server.close()
    }
  })

  it('says when an asked-for port is taken', async () => {
    const workspace = await openIncidentWorkspace()
    const first = await serveInProcess(workspace)
    try {
      const error = await rejected(() => serveInProcess(workspace, {port: first.info.port}))
      expect(error.message).toBe(`port ${first.info.port} is already in use`)
    } finally {
      await first.close()
    }
  })
})

describe('access tokens', () => {
  it('are random per server and tell the facilitator from a viewer', () => {
    const a = new AccessTokens()
    const b = new AccessTokens()
    expect(a.viewer).not.toBe(b.viewer)
    expect(a.viewer).not.toBe(a.facilitator)
    expect(a.roleOf(a.viewer)).toBe('viewer')
    expect(a.roleOf(a.facilitator)).toBe('facilitator')
    expect(a.roleOf(b.facilitator)).toBeUndefined()
    expect(a.roleOf('')).toBeUndefined()
    expect(a.roleOf(undefined)).toBeUndefined()
  })
})

describe('runbook serve, the command', () => {
  it('prints its links, serves a live stream, and stops cleanly on Ctrl-C', async () => {
    const workspace = await openIncidentWorkspace()
    const served = await spawnServe([], {workspace})
    const dashboard = new URL(served.links.get('Dashboard')!)
    expect(dashboard.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(served.stdout()).toContain('Read-only (share with those who look):')
    expect(served.stdout()).not.toContain('Facilitator')
    // A page is open on the live stream when Ctrl-C comes: the stream ends and the process exits 0.
    const stream = await fetch(`${dashboard.origin}/events?view=dashboard`, {
      headers: {cookie: `runbook-${dashboard.port}-viewer=${dashboard.searchParams.get('token')}`},
    })
    expect(stream.status).toBe(200)
    const reading = stream.body!.getReader()
    await reading.read()
    expect(await served.stop()).toBe(0)
    expect(served.stdout()).toMatch(/Stopped\.\s*$/)
    expect(served.stderr()).toBe('')
    // The stream was closed by the server, not left hanging.
    let done = false
    while (!done) done = (await reading.read().catch(() => ({done: true}))).done
  })

  it('warns when --host opens it to other machines', async () => {
    const workspace = await openIncidentWorkspace()
    const served = await spawnServe(['--host', '0.0.0.0'], {workspace})
    try {
      expect(served.stderr()).toMatch(/Warning: serving on 0\.0\.0\.0, which other machines can reach/)
      // The link names an address another machine can use, and the server answers there.
      const link = new URL(served.links.get('Dashboard')!)
      expect(link.hostname).not.toBe('0.0.0.0')
      expect((await fetch(link)).status).toBe(200)
    } finally {
      expect(await served.stop()).toBe(0)
    }
  })
})
