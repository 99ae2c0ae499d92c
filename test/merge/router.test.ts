import {describe, expect, it} from 'vitest'
import {Router} from '../../src/merge/router.js'
import {noticeRoutes} from '../../src/store/templates.js'

describe('the merge router', () => {
  it('routes a reader by jurisdiction and language, and keeps a bounded number of routings', async () => {
    const router = new Router(await noticeRoutes(), {}, 'en')
    expect(router.route({jurisdiction: 'US-CA', language: 'en'})).toMatchObject({template: 'customer/us', language: 'en'})
    expect(router.route({jurisdiction: 'JP', language: ''})).toMatchObject({template: 'customer/appi', language: 'ja'})
    // The language column is free text: 40,000 distinct values must not make 40,000 routings kept.
    const wrong: string[] = []
    for (let i = 0; i < 40_000; i++) {
      const language = String.fromCharCode(0x4e00 + (i % 200), 0x4e00 + Math.floor(i / 200))
      const routing = router.route({jurisdiction: 'US-CA', language})
      if (!('template' in routing) || routing.template !== 'customer/us' || routing.language !== language) wrong.push(language)
    }
    expect(wrong).toEqual([])
    expect(router.cached).toBeLessThanOrEqual(10_000)
  })

  it("gives a HIPAA covered entity's reader the HIPAA notice only when health data was involved, theirs when the row says", async () => {
    const routes = await noticeRoutes()
    const coveredEntity = {entity_types: ['hipaa_covered_entity']}
    // Every US letter said "a breach of your health information" though only payroll data was taken.
    const payroll = new Router(routes, {...coveredEntity, data_categories: ['contact', 'ssn']}, 'en')
    expect(payroll.route({jurisdiction: 'US-MA', language: ''})).toMatchObject({template: 'customer/us'})
    const patients = new Router(routes, {...coveredEntity, data_categories: ['contact', 'health']}, 'en')
    expect(patients.route({jurisdiction: 'US-MA', language: ''})).toMatchObject({template: 'customer/hipaa'})
    expect(patients.route({jurisdiction: 'US-MA', language: '', categories: ['financial', 'ssn']})).toMatchObject({template: 'customer/us'})
    expect(patients.route({jurisdiction: 'US-MA', language: '', categories: ['health_insurance']})).toMatchObject({template: 'customer/hipaa'})
    expect(patients.route({jurisdiction: 'US-MA', language: ''})).toMatchObject({template: 'customer/hipaa'})
  })

  it("keeps a routing per combination of the categories the routes ask about, not per row's whole list", async () => {
    const patients = new Router(await noticeRoutes(), {entity_types: ['hipaa_covered_entity'], data_categories: ['health']}, 'en')
    const others = ['contact', 'ssn', 'financial', 'payment_card', 'credentials', 'date_of_birth', 'drivers_license', 'biometric']
    // Every subset of eight categories, with and without health data: 512 lists, two answers.
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const list = others.filter((_c, i) => mask & (1 << i))
      expect(patients.route({jurisdiction: 'US-CA', language: '', categories: list}), list.join()).toMatchObject({template: 'customer/us'})
      expect(patients.route({jurisdiction: 'US-CA', language: '', categories: [...list, 'health']})).toMatchObject({template: 'customer/hipaa'})
    }
    // A key per list kept 512 routings here (and 3-6 MB at a million rows); the answer depends on two of them.
    expect(patients.cached).toBeLessThanOrEqual(2)
  })
})
