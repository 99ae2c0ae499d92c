import {describe, expect, it} from 'vitest'
import {
  DRILL_ID_PREFIX,
  drillTitle,
  EXERCISE_BANNER_HTML,
  EXERCISE_MARK,
  exerciseHeaders,
  exerciseTag,
  exerciseTitle,
  isDrillId,
  markLines,
  markMarkdown,
} from '../../src/core/exercise.js'

describe('exercise marking', () => {
  it('uses the triple mark of exercise traffic', () => {
    expect(EXERCISE_MARK).toBe('EXERCISE EXERCISE EXERCISE')
  })

  it('marks the title of exercise traffic and leaves a real one alone', () => {
    expect(exerciseTitle('Notice of a data breach', true)).toBe('EXERCISE EXERCISE EXERCISE: Notice of a data breach')
    expect(exerciseTitle('Notice of a data breach', false)).toBe('Notice of a data breach')
  })

  it('wraps Markdown in the banner at top and bottom, trimming the body', () => {
    expect(markMarkdown('\n# Notice\n\nText.\n\n', true)).toBe('**EXERCISE EXERCISE EXERCISE**\n\n# Notice\n\nText.\n\n**EXERCISE EXERCISE EXERCISE**\n')
    expect(markMarkdown('\n# Notice\n', false)).toBe('\n# Notice\n')
  })

  it('wraps plain lines at top and bottom without changing them', () => {
    expect(markLines(['a', 'b'], true)).toEqual([EXERCISE_MARK, 'a', 'b', EXERCISE_MARK])
    expect(markLines(['a', 'b'], false)).toEqual(['a', 'b'])
  })

  it('styles the HTML banner by class', () => {
    expect(EXERCISE_BANNER_HTML).toBe('<p class="exercise">EXERCISE EXERCISE EXERCISE</p>')
  })

  it('tags list rows and mail headers only for exercises', () => {
    expect(exerciseTag(true)).toBe('[EXERCISE] ')
    expect(exerciseTag(false)).toBe('')
    expect(exerciseHeaders(true)).toEqual({'X-Exercise': EXERCISE_MARK})
    expect(exerciseHeaders(false)).toEqual({})
  })

  it('titles a drill after its scenario', () => {
    expect(drillTitle('Ransomware on a Friday')).toBe('EXERCISE: Ransomware on a Friday')
  })

  it('tells drill ids by their prefix', () => {
    expect(DRILL_ID_PREFIX).toBe('drill-')
    expect(isDrillId('drill-2026-03-28-ransomware')).toBe(true)
    expect(isDrillId('2026-03-28-ransomware')).toBe(false)
    expect(isDrillId('my-drill-1')).toBe(false)
  })
})
