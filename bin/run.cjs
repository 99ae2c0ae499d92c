#!/usr/bin/env node
// The CLI, bundled by `npm run build` (scripts/bundle.js): a few CommonJS files, compiled with V8's code cache from
// earlier runs (src/cli/compile-cache.ts) so that a command does not parse and compile the same code every time.
const {join} = require('node:path')

const bundle = join(__dirname, '..', 'dist', 'bundle')
const {compileCacheDir, installCompileCache} = require(join(bundle, 'compile-cache.cjs'))
const dir = compileCacheDir(bundle)
if (dir) installCompileCache(bundle, dir)
require(join(bundle, 'run.cjs')).main()
