import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {formatProblem} from '../../src/core/content/yaml-source.js'
import {playbookJsonSchema} from '../../src/core/content/json-schema.js'
import {stepsInOrder} from '../../src/core/playbook/order.js'
import {loadPlaybookFile, playbookFiles} from '../../src/store/playbooks.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {writeFileSync} from 'node:fs'

const REQUIRED = [
  'ransomware',
  'lost-device',
  'misdirected-email',
  'cloud-storage-exposure',
  'vendor-breach',
  'account-takeover',
  'business-email-compromise',
  'insider-misuse',
  'triage',
]

describe('built-in playbooks', () => {
  const files = playbookFiles()

  it('ship every required playbook, each valid', () => {
    for (const file of files) expect(file.problems.map(formatProblem)).toEqual([])
    expect(files.map((f) => f.playbook?.id).sort()).toEqual([...REQUIRED].sort())
  })

  it('cover the whole life cycle with owned, guided steps', () => {
    for (const {playbook} of files) {
      const steps = stepsInOrder(playbook!)
      expect(new Set(steps.map((s) => s.phase)).size, playbook!.id).toBe(4)
      expect(steps.length, playbook!.id).toBeGreaterThanOrEqual(7)
      expect(
        steps.some((s) => s.asks?.some((a) => a.fact === 'aware_at')),
        `${playbook!.id} asks for awareness`,
      ).toBe(true)
    }
  })

  it('match the committed JSON Schema (regenerate with npm run build)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'playbook.schema.json'), 'utf8'))
    expect(committed).toEqual(playbookJsonSchema())
  })
})

describe('playbook validation', () => {
  it('locates schema problems by line, column and field', () => {
    const dir = tempDir()
    const file = join(dir, 'x.yaml')
    writeFileSync(
      file,
      [
        'id: x',
        'title: X',
        'description: d',
        'version: "1.0"',
        'reviewed_at: "2026-01-01"',
        'phases:',
        '  - phase: preparation',
        '    steps:',
        '      - id: a',
        '        title: A',
        '        guidance: g',
        '        owner: ciso',
        '        csf_function: respond',
      ].join('\n'),
    )
    const problems = loadPlaybookFile(file, 'workspace', dir).problems.map(formatProblem)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^x\.yaml:12:16 phases\[0\]\.steps\[0\]\.owner: .*incident-commander/)
  })

  it('reports duplicate step ids and dangling fact references', () => {
    const dir = tempDir()
    const file = join(dir, 'y.yaml')
    const step = (id: string, extra = '') =>
      `      - id: ${id}\n        title: T\n        guidance: g\n        owner: legal\n        csf_function: govern\n${extra}`
    writeFileSync(
      file,
      `id: y\ntitle: Y\ndescription: d\nversion: "1.0"\nreviewed_at: "2026-01-01"\nphases:\n  - phase: preparation\n    steps:\n${step('a')}${step('a', '        when: {fact: mood, equals: sad}\n')}`,
    )
    const problems = loadPlaybookFile(file, 'workspace', dir).problems.map(formatProblem)
    expect(problems).toEqual([
      expect.stringMatching(/^y\.yaml:14:13 phases\[0\]\.steps\[1\]\.id: duplicate step id "a"/),
      expect.stringMatching(/^y\.yaml:19:15 phases\[0\]\.steps\[1\]\.when: .*unknown fact "mood"/),
    ])
  })

  it('locates after: problems by file, line, column and field', () => {
    const dir = tempDir()
    const file = join(dir, 'z.yaml')
    const step = (id: string, after: string) =>
      `      - id: ${id}\n        title: T\n        guidance: g\n        owner: legal\n        csf_function: govern\n        after: [${after}]\n`
    writeFileSync(
      file,
      `id: z\ntitle: Z\ndescription: d\nversion: "1.0"\nreviewed_at: "2026-01-01"\nphases:\n  - phase: preparation\n    steps:\n${step('a', 'b')}${step('b', 'a, ghost')}`,
    )
    const problems = loadPlaybookFile(file, 'workspace', dir).problems.map(formatProblem)
    expect(problems).toEqual([
      expect.stringMatching(/^z\.yaml:20:20 phases\[0\]\.steps\[1\]\.after\[1\]: no step "ghost"/),
      expect.stringMatching(/^z\.yaml:14:16 phases\[0\]\.steps\[0\]\.after: after: makes a cycle \(a after b after a\)/),
    ])
  })
})
