import {fileURLToPath} from 'node:url'

/** The installed package's root (both src/store and dist/store sit two levels below it). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))
