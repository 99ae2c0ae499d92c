#!/usr/bin/env node
// Writes docs/facts.md from the fact table (run by `npm run docs` after a build).
import {writeFileSync} from 'node:fs'
import {factsMarkdown} from '../dist/render/facts-doc.js'

writeFileSync(new URL('../docs/facts.md', import.meta.url), factsMarkdown())
