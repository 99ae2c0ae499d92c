import type {IO} from './io.js'

export interface ProgressBar {
  start(total: number, value: number, payload?: object): void
  update(value: number, payload?: object): void
  stop(): void
}

/** A progress bar on stderr when it is a terminal; nothing otherwise (pipes and CI logs stay clean). */
export async function progressBar(io: IO, format: string): Promise<ProgressBar | undefined> {
  if (!io.showProgress) return undefined
  const {default: progress} = await import('cli-progress')
  return new progress.SingleBar({format, stream: io.stderr as NodeJS.WritableStream, hideCursor: true}, progress.Presets.shades_classic)
}
