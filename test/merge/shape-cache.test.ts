import {describe, expect, it} from 'vitest'
import {SHAPE_CACHE_BYTES, ShapeCache, shapeBytes, type Shape} from '../../src/merge/shapes.js'

const shape = (n: number, size = 1000): Shape => ({locale: 'en', fellBack: false, subject: `Notice ${n}`, text: 'x'.repeat(size), html: `<p>${n}</p>`})

describe('the cache of rendered shapes', () => {
  it('keeps its estimated bytes within the budget, dropping the oldest first', () => {
    const one = shapeBytes(shape(0))
    const cache = new ShapeCache(one * 3)
    for (let n = 0; n < 10; n++) {
      cache.set(`k${n}`, shape(n))
      expect(cache.bytes).toBeLessThanOrEqual(one * 3)
    }
    expect(cache.size).toBe(3)
    expect(['k6', 'k7', 'k8', 'k9'].map((k) => cache.get(k)?.subject)).toEqual([undefined, 'Notice 7', 'Notice 8', 'Notice 9'])
  })

  it('gives a shape used since it was stored a second chance', () => {
    const one = shapeBytes(shape(0))
    const cache = new ShapeCache(one * 3)
    for (let n = 0; n < 3; n++) cache.set(`k${n}`, shape(n))
    // k0 is the oldest but in use: k1, the oldest unused one, goes instead.
    expect(cache.get('k0')).toBeDefined()
    cache.set('k3', shape(3))
    expect(cache.get('k1')).toBeUndefined()
    expect([cache.get('k0'), cache.get('k2'), cache.get('k3')].every(Boolean)).toBe(true)
  })

  it('keeps a single shape larger than the whole budget (it is the one being used)', () => {
    const cache = new ShapeCache(10)
    cache.set('big', shape(1, 5000))
    expect(cache.size).toBe(1)
    cache.set('next', shape(2, 5000))
    expect(cache.size).toBe(1)
    expect(cache.get('next')).toBeDefined()
  })

  it('has a budget by default: a run keeps no more than SHAPE_CACHE_BYTES of shapes', () => {
    const cache = new ShapeCache()
    const text = 'x'.repeat(1 << 20)
    for (let n = 0; n < 40; n++) cache.set(`k${n}`, {locale: 'en', fellBack: false, subject: `${n}`, text, html: ''})
    expect(cache.bytes).toBeLessThanOrEqual(SHAPE_CACHE_BYTES)
    expect(cache.size).toBeLessThan(40)
  })

  it('keeps a shape only from the second time its key comes', () => {
    const cache = new ShapeCache()
    cache.offer('once', shape(1))
    expect(cache.get('once')).toBeUndefined()
    cache.offer('twice', shape(2))
    cache.offer('twice', shape(2))
    expect(cache.get('twice')?.subject).toBe('Notice 2')
    expect(cache.size).toBe(1)
  })

  it('counts a shape stored again under the same key once', () => {
    const cache = new ShapeCache()
    cache.set('k', shape(1))
    cache.set('k', shape(2))
    expect([cache.size, cache.bytes]).toEqual([1, shapeBytes(shape(2))])
  })
})
