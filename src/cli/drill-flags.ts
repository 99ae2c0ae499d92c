import * as Flags from '@oclif/core/flags'

export const drillFlag = Flags.string({char: 'd', summary: 'Drill id (default: the single running drill).'})
