// Lists every module a process loads: `node --import ./scripts/module-trace.js bin/run.js ...` with
// RUNBOOK_MODULE_TRACE=FILE appends the URL of each ES module (and each CommonJS module imported from one) to FILE.
// The tests and the benchmark use it to show that a command on the file store never loads the PostgreSQL driver.
import {appendFileSync} from 'node:fs'
import {register} from 'node:module'
import {isMainThread} from 'node:worker_threads'

let file

if (isMainThread && process.env.RUNBOOK_MODULE_TRACE) {
  register(import.meta.url, {data: {file: process.env.RUNBOOK_MODULE_TRACE}})
}

// Loader hooks (run on the loader thread).
export function initialize(data) {
  file = data.file
}

export async function load(url, context, next) {
  if (file) appendFileSync(file, `${url}\n`)
  return next(url, context)
}
