#!/usr/bin/env node
// The CLI, bundled by `npm run build` (scripts/bundle.js): a few files to load instead of hundreds.
import {main} from '../dist/bundle/run.js'

await main()
