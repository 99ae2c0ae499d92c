export function plainCollation(env?: NodeJS.ProcessEnv): boolean
export function commandOrder(plain?: boolean): (a: {id: string}, b: {id: string}) => number
