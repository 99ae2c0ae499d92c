#!/usr/bin/env node
// Run by `npm run build` after tsc: the web view's assets (stylesheet, scripts, icon) are not TypeScript, so tsc
// leaves them behind; they are copied beside the compiled server, where it reads them (dist/app/serve/assets/).
import {cpSync, readdirSync} from 'node:fs'

const from = new URL('../src/app/serve/assets/', import.meta.url)
const to = new URL('../dist/app/serve/assets/', import.meta.url)
cpSync(from, to, {recursive: true})
console.log(`assets: ${readdirSync(to).length} files for runbook serve`)
