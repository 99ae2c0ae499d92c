// Lint: typescript-eslint's recommended rules, plus the shape of the house (docs/ARCHITECTURE.md) as rules, so an
// upward import, a second clock or a second terminal check fails CI instead of waiting for a review.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const LAYERS = ['commands', 'cli', 'app', 'merge', 'store', 'render', 'ui', 'core']
/** What each layer may import (besides itself and core); everything else is refused, type-only imports included. */
const MAY_IMPORT = {
  commands: ['cli', 'app', 'ui'],
  cli: ['app', 'merge', 'store', 'render', 'ui'],
  app: ['merge', 'store', 'render', 'ui'],
  merge: ['store', 'render', 'ui'],
  store: [],
  render: [],
  ui: [],
  core: [],
}

const layerRules = LAYERS.map((layer) => {
  const forbidden = LAYERS.filter((other) => other !== layer && other !== 'core' && !MAY_IMPORT[layer].includes(other))
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/**`],
    message: `${layer}/ must not import ${other}/ (layers: commands -> cli -> app -> merge -> store/render/ui -> core).`,
  }))
  const paths =
    layer === 'core'
      ? ['node:fs', 'node:child_process', 'node:worker_threads', 'node:net', 'node:http', 'node:os', 'fs', 'child_process'].map((name) => ({
          name,
          message: 'core/ is pure: no I/O.',
        }))
      : []
  // commands/ may read types from below; their values come through app/, cli/ and ui/.
  const allowTypeImports = layer === 'commands'
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {'@typescript-eslint/no-restricted-imports': ['error', {patterns: patterns.map((p) => ({...p, allowTypeImports})), paths}]},
  }
})

const clock = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Read the clock through the context (ctx.now()); src/app/clock.ts is the only machine clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Read the clock through the context (ctx.now()); src/app/clock.ts is the only machine clock.',
  },
]
const tty = {
  selector: "MemberExpression[property.name='isTTY']",
  message: 'Ask the IO (ctx.io.canPrompt, showProgress); src/ui/io.ts is the one place that looks at terminals.',
}

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**', 'schemas/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Atomics: 'readonly',
        SharedArrayBuffer: 'readonly',
        structuredClone: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', {checkLoops: false}],
    },
  },
  // The launcher is CommonJS: it installs the compile cache before the bundle (CommonJS too) is required.
  {
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly', __dirname: 'readonly', module: 'writable'}},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  ...layerRules,
  {files: ['src/**/*.ts'], ignores: ['src/app/clock.ts', 'src/ui/io.ts'], rules: {'no-restricted-syntax': ['error', ...clock, tty]}},
  {files: ['src/app/clock.ts'], rules: {'no-restricted-syntax': ['error', tty]}},
  {files: ['src/ui/io.ts'], rules: {'no-restricted-syntax': ['error', ...clock]}},
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/prompts.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {paths: [{name: '@inquirer/prompts', message: 'Ask through the Prompter (ctx.prompter); src/ui/prompts.ts is the only importer.'}]},
      ],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      'max-lines': ['error', {max: 60, skipBlankLines: false, skipComments: false}],
      'no-restricted-syntax': [
        'error',
        ...clock,
        tty,
        {
          selector: "Property[key.name='type'][value.type='Literal'][value.value=/^[a-z]+\\.[a-z]+$/]",
          message: 'Events are drafted in core/, not written as literals in a command.',
        },
      ],
    },
  },
  {files: ['test/**/*.ts', 'bench/**/*.js', 'scripts/**/*.js'], rules: {'@typescript-eslint/no-explicit-any': 'off', 'no-restricted-syntax': 'off'}},
  // The web view's scripts run in the browser, as they are (no build step): browser globals, no Node, no eval.
  {
    files: ['src/app/serve/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'performance', 'DOMParser', 'EventSource', 'CustomEvent', 'FormData', 'fetch', 'Intl', 'setInterval', 'URL'].map((name) => [
          name,
          'readonly',
        ]),
      ),
    },
    rules: {'no-eval': 'error', 'no-implied-eval': 'error', 'no-new-func': 'error'},
  },
)
