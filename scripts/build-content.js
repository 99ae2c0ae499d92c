#!/usr/bin/env node
// Run by `npm run build` after tsc: validates the built-in content and leaves it parsed in dist/content/, so the
// CLI starts without loading the YAML parser, the schemas or the holiday library (regulations, playbooks). Fails the
// build on bad content.
import {mkdirSync, writeFileSync} from 'node:fs'
import {regulationFiles} from '../dist/store/regulations.js'
import {publicHolidays} from '../dist/store/holidays.js'
import {formatProblem} from '../dist/core/content/format.js'
import {loadDirectoryFiles} from '../dist/store/directory.js'
import {playbookFiles} from '../dist/store/playbooks.js'

const out = new URL('../dist/content/', import.meta.url)
mkdirSync(out, {recursive: true})

const files = await regulationFiles(undefined, {fresh: true})
const problems = files.flatMap((f) => f.problems)
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem))
  process.exit(2)
}
writeFileSync(
  new URL('regulations.json', out),
  JSON.stringify(files.map(({file, ...rest}) => ({...rest, file: file.slice(file.lastIndexOf('/regulations/') + 1)}))),
)

const playbooks = playbookFiles(undefined, {fresh: true})
const broken = playbooks.flatMap((f) => f.problems)
if (broken.length > 0) {
  for (const problem of broken) console.error(formatProblem(problem))
  process.exit(2)
}
writeFileSync(new URL('playbooks.json', out), JSON.stringify(playbooks.map(({sha256, playbook}) => ({sha256, playbook}))))

const directory = await loadDirectoryFiles()
if (!directory.directory) {
  for (const problem of directory.problems) console.error(formatProblem(problem))
  process.exit(2)
}
writeFileSync(new URL('directory.json', out), JSON.stringify(directory.directory))

const calendars = new Set()
for (const {regulation} of files) {
  if (regulation.calendar) calendars.add(regulation.calendar)
  for (const o of regulation.obligations) if (o.clock.calendar) calendars.add(o.clock.calendar)
}
const table = {}
const year = new Date().getUTCFullYear()
for (const country of [...calendars].sort()) {
  for (let y = year - 3; y <= year + 10; y++) table[`${country}:${y}`] = publicHolidays(country, y)
}
writeFileSync(new URL('holidays.json', out), JSON.stringify(table))
console.log(`content: ${files.length} regulations, ${playbooks.length} playbooks, holidays for ${[...calendars].join(', ')} ${year - 3}-${year + 10}`)
