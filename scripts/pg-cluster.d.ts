export interface Cluster {
  dir: string
  port: number
  user: string
  url(database?: string, role?: string): string
  startServer(): void
  stopServer(mode?: 'smart' | 'fast' | 'immediate'): void
  log(): string
  stop(): Promise<void>
}

export function findPgBin(): string
export function startCluster(options?: {port?: number; settings?: string[]; fsync?: boolean}): Promise<Cluster>
export function createDatabase(cluster: Cluster, name: string): Promise<string>
