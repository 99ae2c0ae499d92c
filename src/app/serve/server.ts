import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {AddressInfo} from 'node:net'
import Fastify, {type FastifyReply, type FastifyRequest} from 'fastify'
import {UserError} from '../../core/errors.js'
import {PACKAGE_ROOT} from '../../store/package-root.js'
import type {Context} from '../context.js'
import {resolveIncident} from '../incidents.js'
import {isLoopback, linkAddress, planBind} from './bind.js'
import {dashboardView} from './dashboard.js'
import type {Html} from './html.js'
import {LiveHub} from './live.js'
import {drillView} from '../drill-control.js'
import {consoleAside, consoleMain, drillActions, drillPulse, projectorMain, type ActionHandler} from './drill.js'
import {dashboardMain, page, rendered, type RenderedView, type ViewName} from './pages.js'
import {AccessTokens, cookieValue, TOKEN_HEADER, tokenCookie, type Role} from './tokens.js'

export interface ServeOptions {
  /** The incident or drill to show (default: the single open one). */
  id?: string
  /** Where to listen; a non-loopback address only when given here (the --host flag), never by default. */
  host?: string
  /** 0 or none: a free port. */
  port?: number
}

export interface ServeLink {
  label: string
  role: Role
  url: string
}

export interface ServeInfo {
  id: string
  title: string
  drill: boolean
  host: string
  port: number
  loopback: boolean
  links: ServeLink[]
}

export interface RunningServer {
  info: ServeInfo
  close(): Promise<void>
}

/**
 * Strict by default: only this server's own files, no inline script or style, no plugins, no framing, no form posts
 * elsewhere. Nothing on the pages comes from the network beyond this server (it works offline).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
}

const ASSET_TYPES: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
}

/**
 * The page assets, read once: they sit beside this module in src/ and are copied beside it into dist/ by the build;
 * the bundled CLI (dist/bundle/) reads dist's copy.
 */
function loadAssets(): Map<string, Buffer> {
  const beside = new URL('./assets/', import.meta.url)
  const dir = existsSync(beside) ? fileURLToPath(beside) : join(PACKAGE_ROOT, 'dist', 'app', 'serve', 'assets') + '/'
  return new Map(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(dir + name)]))
}

/** One view a page can show: who may see it, its data (also served as JSON), its live part and its fixed forms. */
export interface ViewSpec<T = unknown> {
  name: ViewName
  label: string
  role: Role
  data(): Promise<T>
  main(data: T): Html
  aside?: (data: T) => Html
}

/** A POST the facilitator's console sends: a use case run with the body, answering what it did in words. */

const ROLE_RANK: Record<Role, number> = {viewer: 1, facilitator: 2}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** The views and actions of an incident (a drill adds the projector, the console and its actions). */
export interface ServedIncident {
  views: ViewSpec[]
  actions: Record<string, ActionHandler>
  /** Called after each update: keeps the record in step with a drill's clock; the real ms until it should run again. */
  pulse?: () => Promise<number | null>
}

const view = <T>(spec: ViewSpec<T>): ViewSpec => spec as ViewSpec

export function incidentViews(ctx: Context, id: string, drill: boolean): ServedIncident {
  const dashboard = view({name: 'dashboard', label: 'Dashboard', role: 'viewer', data: () => dashboardView(ctx, id), main: dashboardMain})
  if (!drill) return {views: [dashboard], actions: {}}
  return {
    views: [
      dashboard,
      view({name: 'projector', label: 'Projector', role: 'viewer', data: () => drillView(ctx, id, {audience: 'player'}), main: projectorMain}),
      view({
        name: 'console',
        label: 'Console',
        role: 'facilitator',
        data: () => drillView(ctx, id, {audience: 'facilitator'}),
        main: consoleMain,
        aside: consoleAside,
      }),
    ],
    actions: drillActions(ctx, id),
    pulse: () => drillPulse(ctx, id),
  }
}

/**
 * Starts the web view of one incident: a fastify server on loopback (or the --host given), on a free port unless
 * told, with two random access tokens, live updates by Server-Sent Events, and the console's actions for a drill.
 */
export async function startServer(
  ctx: Context,
  options: ServeOptions,
  served: (ctx: Context, id: string, drill: boolean) => ServedIncident = incidentViews,
): Promise<RunningServer> {
  const session = await resolveIncident(ctx, options.id)
  const {id, drill} = session.state
  const plan = await planBind(options.host, options.host !== undefined)
  const tokens = new AccessTokens()
  const assets = loadAssets()
  const served_ = served(ctx, id, drill)
  const {views, actions} = served_
  const byName = new Map(views.map((v) => [v.name, v]))
  let port = 0
  const allowedHosts = new Set<string>()
  const cookieName = (role: Role) => `runbook-${port}-${role}`
  const title = session.state.title

  const renderLive = async (name: ViewName): Promise<RenderedView> => {
    const spec = byName.get(name)!
    return rendered(spec.main(await spec.data()))
  }
  const hub = new LiveHub(ctx.store, id, renderLive, {
    pulse: served_.pulse,
    onError: (error) => ctx.notice(`Could not bring a page up to date: ${(error as Error).message}`),
  })

  const app = Fastify({logger: false, forceCloseConnections: true, bodyLimit: 32 * 1024})
  const roles = new WeakMap<FastifyRequest, Role>()

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS)
    // A page reached under another name (DNS rebinding: evil.example resolving to 127.0.0.1) is refused.
    if (plan.loopback && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      return reply.code(421).type('text/plain; charset=utf-8').send('This server answers only to its own address.\n')
    }
    const query = request.method === 'GET' ? (request.query as Record<string, unknown>) : {}
    const fromUrl = typeof query.token === 'string' ? query.token : undefined
    const fromHeader = request.headers[TOKEN_HEADER]
    const presented = [
      fromUrl,
      cookieValue(request.headers.cookie, cookieName('viewer')),
      cookieValue(request.headers.cookie, cookieName('facilitator')),
      typeof fromHeader === 'string' ? fromHeader : undefined,
    ]
    let role: Role | undefined
    for (const token of presented) {
      const found = tokens.roleOf(token)
      if (found && (!role || ROLE_RANK[found] > ROLE_RANK[role])) role = found
    }
    if (!role) {
      return reply.code(401).type('text/plain; charset=utf-8').send('This page needs the link `runbook serve` printed: it carries an access token.\n')
    }
    roles.set(request, role)
    // The token in the URL becomes a cookie, so the page's own links, styles and live stream work without it.
    const urlRole = tokens.roleOf(fromUrl)
    if (urlRole && fromUrl) reply.header('set-cookie', tokenCookie(cookieName(urlRole), fromUrl))
    return undefined
  })

  const roleOf = (request: FastifyRequest): Role => roles.get(request)!
  const allowed = (request: FastifyRequest, spec: ViewSpec) => ROLE_RANK[roleOf(request)] >= ROLE_RANK[spec.role]
  // The console is linked only from itself: a projected page never shows the way to the expected answers.
  const linksFor = (request: FastifyRequest, current: ViewSpec) =>
    views.filter((v) => allowed(request, v) && (v.role === 'viewer' || v === current)).map((v) => ({view: v.name, label: v.label}))
  const viewFor = (name: string, request: FastifyRequest, reply: FastifyReply): ViewSpec | undefined => {
    const spec = byName.get(name as ViewName)
    if (!spec) {
      void reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`No view "${name}" here: ${views.map((v) => v.name).join(', ')}.\n`)
      return undefined
    }
    if (!allowed(request, spec)) {
      void reply.code(403).type('text/plain; charset=utf-8').send('This view is for the facilitator: open it with the facilitator link.\n')
      return undefined
    }
    return spec
  }

  app.get('/', async (_request, reply) => reply.redirect('/dashboard', 303))

  app.get<{Params: {name: string}}>('/assets/:name', async (request, reply) => {
    const body = assets.get(request.params.name)
    if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('No such file.\n')
    return reply.type(ASSET_TYPES[request.params.name]!).header('cache-control', 'private, max-age=3600').send(body)
  })

  app.get<{Params: {name: string}}>('/api/view/:name', async (request, reply) => {
    const spec = viewFor(request.params.name, request, reply)
    if (!spec) return reply
    return reply.header('cache-control', 'no-store').send(await spec.data())
  })

  app.get<{Querystring: {view?: string; version?: string}}>('/events', async (request, reply) => {
    const spec = viewFor(request.query.view ?? '', request, reply)
    if (!spec) return reply
    reply.hijack()
    const lastId = request.headers['last-event-id']
    await hub.connect(spec.name, reply.raw, (typeof lastId === 'string' ? lastId : undefined) ?? request.query.version ?? '')
    return reply
  })

  for (const spec of views) {
    app.get(`/${spec.name}`, async (request, reply) => {
      if (!viewFor(spec.name, request, reply)) return reply
      const data = await spec.data()
      const html = page(
        {
          view: spec.name,
          title,
          drill,
          links: linksFor(request, spec),
          ...(spec.role === 'facilitator' ? {actToken: tokens.facilitator} : {}),
          ...(spec.aside ? {aside: spec.aside(data)} : {}),
        },
        rendered(spec.main(data)),
      )
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
    })
  }

  app.post<{Params: {name: string}}>('/api/act/:name', async (request, reply) => {
    // Acting needs the facilitator's token in a header: a cookie alone (a forged form on another site) never acts.
    const header = request.headers[TOKEN_HEADER]
    if (tokens.roleOf(typeof header === 'string' ? header : undefined) !== 'facilitator') {
      return reply.code(403).send({error: 'Only the facilitator may act: the console sends its token in the X-Runbook-Token header.'})
    }
    const handler = Object.hasOwn(actions, request.params.name) ? actions[request.params.name] : undefined
    if (!handler) return reply.code(404).send({error: `No action "${request.params.name}".`})
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
    try {
      const {message} = await handler(body)
      void hub.refresh()
      return reply.header('cache-control', 'no-store').send({ok: true, message})
    } catch (error) {
      if (error instanceof UserError) return reply.code(error.exitCode === 1 ? 409 : 400).send({error: error.message, hint: error.hint})
      throw error
    }
  })

  app.setErrorHandler(async (error, _request, reply) => {
    const status = (error as {statusCode?: number}).statusCode
    if (status && status < 500) return reply.code(status).send({error: (error as Error).message})
    ctx.notice(`runbook serve: ${(error as Error).message}`)
    return reply.code(500).send({error: 'Something went wrong on the server; its terminal says what.'})
  })

  try {
    await app.listen({host: plan.host, port: options.port ?? 0})
  } catch (error) {
    await app.close()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE')
      throw new UserError(`port ${options.port} is already in use`, {hint: 'Choose another with --port, or leave --port out for a free one.'})
    if (code === 'EACCES')
      throw new UserError(`not allowed to listen on port ${options.port}`, {hint: 'Ports below 1024 need privileges: use a higher --port.'})
    if (code === 'EADDRNOTAVAIL') throw new UserError(`--host ${plan.host} is not an address of this machine`)
    throw error
  }
  const address = app.server.address() as AddressInfo
  port = address.port
  // What was bound is checked too: loopback was promised unless --host said otherwise.
  if (plan.loopback && !isLoopback(address.address)) {
    await app.close()
    throw new UserError(`refusing to serve on ${address.address}: only loopback was asked for`)
  }
  for (const name of [plan.host, ...plan.addresses, 'localhost', '127.0.0.1', '::1']) allowedHosts.add(`${urlHost(name)}:${port}`.toLowerCase())
  await hub.start()

  const base = `http://${urlHost(linkAddress(plan.host))}:${port}`
  const links: ServeLink[] = views.map((v) => ({
    label: v.label,
    role: v.role === 'facilitator' ? 'facilitator' : 'viewer',
    url: `${base}/${v.name}?token=${v.role === 'facilitator' ? tokens.facilitator : tokens.viewer}`,
  }))
  return {
    info: {id, title, drill, host: plan.host, port, loopback: plan.loopback, links},
    close: async () => {
      await hub.close()
      await app.close()
    },
  }
}

/** `runbook serve`: starts, says where (`onReady`), and serves until Ctrl-C or SIGTERM, then stops cleanly. */
export async function serveUntilStopped(ctx: Context, options: ServeOptions, onReady: (info: ServeInfo) => void): Promise<void> {
  const server = await startServer(ctx, options)
  if (!server.info.loopback)
    ctx.notice(
      ctx.io.errStyle.yellow(
        `Warning: serving on ${server.info.host}, which other machines can reach. Anyone with a link below can see the incident; only the facilitator link can act.`,
      ),
    )
  onReady(server.info)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.removeListener('SIGINT', stop)
      process.removeListener('SIGTERM', stop)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
}
