import {describe, expect, it} from 'vitest'
import {ownerPeopleLines} from '../../src/ui/people-view.js'
import {makeStyle} from '../../src/ui/io.js'

describe('whom to call for a step', () => {
  it('with nobody on the roster, says how to name who holds the role now, not only how to edit the file', () => {
    const lines = ownerPeopleLines({role: 'legal', title: 'Legal', holder: null, primary: null, backup: null}, 'UTC', makeStyle(false))
    expect(lines).toEqual([
      'Call: no one on the roster for Legal. Name who holds it now: runbook assign legal NAME (and add roster.legal to runbook.yaml for next time)',
    ])
  })

  it('with a roster, lists the primary and the backup to call', () => {
    const lines = ownerPeopleLines(
      {
        role: 'legal',
        title: 'Legal',
        holder: null,
        primary: {name: 'Dana Cole', phone: '+1 617 555 0100'},
        backup: {name: 'Eli Park', email: 'eli@example.org'},
      },
      'UTC',
      makeStyle(false),
    )
    expect(lines).toEqual(['Call: Dana Cole · +1 617 555 0100 (primary); Eli Park · eli@example.org (backup)'])
  })
})
