// Lists every module a process loads: `node --import ./scripts/module-trace.js bin/run.cjs ...` with
// RUNBOOK_MODULE_TRACE=FILE appends the URL of each module to FILE: ES modules through a loader hook, CommonJS files
// (the bundled CLI is CommonJS) as Node's CommonJS loader reads them. The tests and the benchmark use it to show that a
// command on the file store never loads the PostgreSQL driver.
import {appendFileSync} from 'node:fs'
import Module, {register} from 'node:module'
import {pathToFileURL} from 'node:url'
import {isMainThread} from 'node:worker_threads'

let file

if (isMainThread && process.env.RUNBOOK_MODULE_TRACE) {
  const trace = process.env.RUNBOOK_MODULE_TRACE
  register(import.meta.url, {data: {file: trace}})
  const load = Module.prototype.load
  Module.prototype.load = function (filename) {
    appendFileSync(trace, `${pathToFileURL(filename).href}\n`)
    return load.call(this, filename)
  }
}

// Loader hooks (run on the loader thread).
export function initialize(data) {
  file = data.file
}

export async function load(url, context, next) {
  if (file) appendFileSync(file, `${url}\n`)
  return next(url, context)
}
