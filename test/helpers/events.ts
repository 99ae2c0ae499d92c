import type {EventDraft} from '../../src/core/incident/events.js'
import {openIncident} from '../../src/core/incident/actions.js'
import type {Playbook} from '../../src/core/playbook/schema.js'

export const TINY_PLAYBOOK: Playbook = {
  id: 'tiny',
  title: 'Tiny',
  description: 'A playbook for tests.',
  version: '1.0',
  reviewed_at: '2026-11-01',
  phases: [
    {phase: 'preparation', steps: [{id: 'declare', title: 'Declare', guidance: 'Say so.', owner: 'incident-commander', csf_function: 'respond', target: '1h'}]},
    {
      phase: 'detection-analysis',
      steps: [
        {
          id: 'scope',
          title: 'Scope',
          guidance: 'Count.',
          owner: 'privacy',
          csf_function: 'identify',
          target: '24h',
          asks: [{fact: 'affected.total', prompt: 'How many?'}],
        },
        {
          id: 'health-check',
          title: 'Health',
          guidance: 'Only for health data.',
          owner: 'legal',
          csf_function: 'govern',
          when: {fact: 'data_categories', includes: 'health'},
        },
      ],
    },
    {phase: 'post-incident', steps: [{id: 'review', title: 'Review', guidance: 'Learn.', owner: 'security-lead', csf_function: 'identify'}]},
  ],
}

export function openDrafts(awareAt?: string): EventDraft[] {
  return openIncident(
    {id: 'inc-1', title: 'Test incident', timezone: 'Europe/Berlin', playbook: TINY_PLAYBOOK, playbookSha256: 'x'.repeat(64), awareAt},
    {actor: 'alice'},
  )
}
