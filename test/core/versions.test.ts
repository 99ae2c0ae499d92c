import {describe, expect, it} from 'vitest'
import {regulationVersions, type RegulationVersion} from '../../src/core/deadlines/versions.js'
import {fold} from '../../src/core/incident/state.js'
import {openDrafts} from '../helpers/events.js'
import {store} from '../helpers/stored.js'

const gdpr: RegulationVersion = {id: 'eu-gdpr', sha256: 'a'.repeat(64), lastReviewed: '2026-01-15', file: 'regulations/eu-gdpr.yaml'}
const ccpa: RegulationVersion = {id: 'us-ca', sha256: 'b'.repeat(64), lastReviewed: '2026-02-01', file: 'regulations/us-ca.yaml'}
const who = {actor: 'dana'}

describe('regulationVersions', () => {
  it('records every version on the first evaluation, without calling it a change', () => {
    const {changed, record} = regulationVersions({regulationVersions: {}}, [gdpr, ccpa], who)
    expect(changed).toEqual([])
    expect(record).toEqual({
      type: 'regulations.evaluated',
      actor: 'dana',
      payload: {
        versions: {
          'eu-gdpr': {sha256: gdpr.sha256, lastReviewed: '2026-01-15', file: 'regulations/eu-gdpr.yaml'},
          'us-ca': {sha256: ccpa.sha256, lastReviewed: '2026-02-01', file: 'regulations/us-ca.yaml'},
        },
      },
    })
  })

  it('records nothing when no file changed', () => {
    const state = {
      regulationVersions: {
        'eu-gdpr': {sha256: gdpr.sha256, lastReviewed: gdpr.lastReviewed, file: gdpr.file, at: '2026-03-28T19:00:00.000Z'},
        'us-ca': {sha256: ccpa.sha256, lastReviewed: ccpa.lastReviewed, file: ccpa.file, at: '2026-03-28T19:00:00.000Z'},
      },
    }
    expect(regulationVersions(state, [gdpr, ccpa], who)).toEqual({changed: [], record: undefined})
  })

  it('reports an edited file with when the old version was used, and records only the new version', () => {
    const edited = {...gdpr, sha256: 'c'.repeat(64), lastReviewed: '2026-04-01'}
    const state = {
      regulationVersions: {
        'eu-gdpr': {sha256: gdpr.sha256, lastReviewed: gdpr.lastReviewed, file: gdpr.file, at: '2026-03-28T19:00:00.000Z'},
        'us-ca': {sha256: ccpa.sha256, lastReviewed: ccpa.lastReviewed, file: ccpa.file, at: '2026-03-28T19:00:00.000Z'},
      },
    }
    const {changed, record} = regulationVersions(state, [edited, ccpa], who)
    expect(changed).toEqual([
      {regulation: 'eu-gdpr', file: 'regulations/eu-gdpr.yaml', since: '2026-03-28T19:00:00.000Z', was: gdpr.sha256, now: edited.sha256},
    ])
    expect(record?.payload).toEqual({versions: {'eu-gdpr': {sha256: edited.sha256, lastReviewed: '2026-04-01', file: 'regulations/eu-gdpr.yaml'}}})
  })

  it('records a regulation added since, without calling it a change', () => {
    const state = {regulationVersions: {'eu-gdpr': {sha256: gdpr.sha256, lastReviewed: gdpr.lastReviewed, file: gdpr.file, at: '2026-03-28T19:00:00.000Z'}}}
    const {changed, record} = regulationVersions(state, [gdpr, ccpa], who)
    expect(changed).toEqual([])
    expect(Object.keys((record?.payload as {versions: object}).versions)).toEqual(['us-ca'])
  })

  it('sees its own record once folded: the next evaluation with the same files records nothing', () => {
    const first = regulationVersions({regulationVersions: {}}, [gdpr], who).record!
    const state = fold(store([...openDrafts(), first], '2026-03-28T20:00:00.000Z'))
    expect(state.regulationVersions['eu-gdpr']).toEqual({sha256: gdpr.sha256, lastReviewed: gdpr.lastReviewed, file: gdpr.file, at: '2026-03-28T20:00:00.000Z'})
    expect(regulationVersions(state, [gdpr], who).record).toBeUndefined()
  })
})
