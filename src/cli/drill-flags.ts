import {Flags} from '@oclif/core'

export const drillFlag = Flags.string({char: 'd', summary: 'Drill id (default: the single running drill).'})
