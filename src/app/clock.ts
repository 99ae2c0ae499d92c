/** The machine clock: the one place runbook reads it. Everything else asks its context (`ctx.now()`). */
export const machineClock = (): Date => new Date()
