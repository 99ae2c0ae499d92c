import {describe, expect, it} from 'vitest'
import {formatPath, formatProblem} from '../../src/core/content/format.js'

describe('formatPath', () => {
  it('joins keys with dots and puts indexes in brackets', () => {
    expect(formatPath(['phases', 0, 'steps', 12, 'id'])).toBe('phases[0].steps[12].id')
  })

  it('starts without a dot, also when the path starts with an index', () => {
    expect(formatPath(['organization'])).toBe('organization')
    expect(formatPath([3, 'title'])).toBe('[3].title')
  })

  it('keeps a key that looks like a number or holds a dot as it is', () => {
    expect(formatPath(['facts', 'affected.US-CA'])).toBe('facts.affected.US-CA')
    expect(formatPath(['roster', '0'])).toBe('roster.0')
  })

  it('is empty for the root', () => {
    expect(formatPath([])).toBe('')
  })
})

describe('formatProblem', () => {
  it('puts file:line:column first, so an editor can jump to it, then the field and the message', () => {
    expect(formatProblem({file: 'runbook.yaml', line: 3, column: 13, path: 'organization.timezone', message: 'expected an IANA time zone'})).toBe(
      'runbook.yaml:3:13 organization.timezone: expected an IANA time zone',
    )
  })

  it('leaves the field out when the problem is not about one', () => {
    expect(formatProblem({file: 'p.yaml', line: 1, column: 1, path: '', message: 'YAML syntax: bad indentation'})).toBe(
      'p.yaml:1:1 YAML syntax: bad indentation',
    )
  })
})
