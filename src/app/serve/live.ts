import type {ServerResponse} from 'node:http'
import type {IncidentStore} from '../../store/incidents.js'
import type {RenderedView, ViewName} from './pages.js'

/** How often open pages are brought up to date without an event (a deadline turning due-soon, a drill's clock). */
const REFRESH_MS = 15_000
/** A comment line now and then keeps proxies and the browser from closing a quiet stream. */
const HEARTBEAT_MS = 25_000

interface Client {
  view: ViewName
  response: ServerResponse
  /** The version the page shows: nothing is sent until the view differs from it. */
  version: string
}

/**
 * Server-Sent Events for the open pages of one incident. The store says when events were appended (by this server or
 * any other process: the file store watches the folder, PostgreSQL would notify); each view is then rendered once and
 * sent to the pages that show something else. Renders never overlap: a burst during a render gives one more render.
 */
export class LiveHub {
  private readonly clients = new Set<Client>()
  private stopWatching?: () => Promise<void>
  private timers: NodeJS.Timeout[] = []
  private running: Promise<void> | undefined
  private again = false
  private closed = false

  private wake?: NodeJS.Timeout

  constructor(
    private readonly store: IncidentStore,
    private readonly id: string,
    private readonly render: (view: ViewName) => Promise<RenderedView>,
    private readonly options: {
      onError: (error: unknown) => void
      /** Run after each update (a drill delivers what has come due); the real ms until it wants to run again. */
      pulse?: () => Promise<number | null>
    },
  ) {}

  async start(): Promise<void> {
    this.stopWatching = await this.store.subscribe(this.id, () => void this.refresh())
    this.timers.push(setInterval(() => this.heartbeat(), HEARTBEAT_MS))
    await this.refresh()
  }

  get size(): number {
    return this.clients.size
  }

  /** Opens a stream for a page; sends the view at once when the page's version is not the current one. */
  async connect(view: ViewName, response: ServerResponse, version: string): Promise<void> {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    response.write('retry: 1000\n\n')
    const client: Client = {view, response, version}
    this.clients.add(client)
    response.on('close', () => this.clients.delete(client))
    response.on('error', () => this.clients.delete(client))
    await this.refresh()
  }

  /** Renders each view someone watches and sends it where it changed. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        await this.sendAll()
      } while (this.again && !this.closed)
      await this.schedule()
    })().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  /** The next update without an event: at the next inject a drill's clock brings, or after REFRESH_MS. */
  private async schedule(): Promise<void> {
    let wait = REFRESH_MS
    try {
      const next = await this.options.pulse?.()
      // A little after the due moment, so the inject is due when the view is computed.
      if (next !== null && next !== undefined) wait = Math.min(wait, next + 50)
    } catch (error) {
      this.options.onError(error)
    }
    if (this.closed) return
    clearTimeout(this.wake)
    this.wake = setTimeout(() => void this.refresh(), wait)
  }

  private async sendAll(): Promise<void> {
    const views = new Set([...this.clients].map((c) => c.view))
    for (const view of views) {
      let current: RenderedView
      try {
        current = await this.render(view)
      } catch (error) {
        this.options.onError(error)
        continue
      }
      for (const client of this.clients) {
        if (client.view !== view || client.version === current.version) continue
        client.version = current.version
        client.response.write(sseEvent('view', current.live.text, current.version))
      }
    }
  }

  private heartbeat(): void {
    for (const client of this.clients) client.response.write(': still here\n\n')
  }

  /** Ends every stream and stops watching: nothing is sent after this resolves. */
  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers) clearInterval(timer)
    clearTimeout(this.wake)
    await this.running
    for (const client of this.clients) client.response.end()
    this.clients.clear()
    await this.stopWatching?.()
  }
}

/** One SSE message: every line of the data prefixed, so markup with line breaks arrives whole. */
export function sseEvent(name: string, data: string, id?: string): string {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`)
  return `event: ${name}\n${id ? `id: ${id}\n` : ''}${lines.join('\n')}\n\n`
}
