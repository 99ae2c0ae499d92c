import {createServer, connect, type Server, type Socket} from 'node:net'

/**
 * A TCP proxy to a PostgreSQL server that can break the connection around the next COMMIT a client sends: `before`
 * drops it unsent (nothing was committed), `after` sends it, lets the server answer, and drops the answer (the commit
 * happened, but the client cannot know). Every other byte passes through; later connections are left alone.
 */
export interface CommitBreaker {
  url(database: string, user: string): string
  breakNextCommit(when: 'before' | 'after'): Promise<void>
  close(): Promise<void>
}

const COMMIT = Buffer.from('COMMIT\0')

export async function commitBreaker(port: number): Promise<CommitBreaker> {
  let armed: {when: 'before' | 'after'; done: () => void} | undefined
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1')
    sockets.add(client).add(upstream)
    let dropAnswer = false
    const breakBoth = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(COMMIT)) {
        const {when, done} = armed
        armed = undefined
        done()
        if (when === 'before') return breakBoth()
        dropAnswer = true
      }
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      if (dropAnswer) return breakBoth()
      client.write(chunk)
    })
    client.on('error', breakBoth)
    upstream.on('error', breakBoth)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proxyPort = (server.address() as {port: number}).port
  return {
    url: (database, user) => `postgresql://${user}@127.0.0.1:${proxyPort}/${database}`,
    breakNextCommit: (when) => new Promise<void>((resolve) => (armed = {when, done: resolve})),
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
