import {lightFormat} from 'date-fns/lightFormat'
import {afterEach, describe, expect, it} from 'vitest'
import {formatInZone, readInstant} from '../../src/core/time/instant.js'
import {inZone, offsetMinutes} from '../../src/core/time/zone.js'
import {tempDir} from '../helpers/cli.js'

// inZone reads wall-clock time from the process's own clock set to the zone (ICU's data through V8's Date) instead of
// Intl: the two must agree everywhere, or a deadline moves. Intl's own offsets are the reference. (@date-fns/tz,
// built on them, misreads offsets between -01:00 and 00:00: Africa/Monrovia, -00:44:30 until 1972, comes out +00:44.)
const formats = new Map<string, Intl.DateTimeFormat>()
/** The zone's offset from UTC in minutes at `ms`, as Intl gives it ("GMT-00:44:30" is -44.5). */
const intlOffset = (ms: number, zone: string): number => {
  let format = formats.get(zone)
  if (!format) formats.set(zone, (format = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longOffset'})))
  const [, sign, h = '0', m = '0', sec = '0'] = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(format.format(ms)) ?? []
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m) + Number(sec) / 60)
}
const HOUR = 3_600_000
const ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'Europe/Kyiv', 'US/Eastern']
const original = process.env.TZ

afterEach(() => {
  if (original === undefined) delete process.env.TZ
  else process.env.TZ = original
})

describe('inZone: wall-clock time in a zone without Intl', () => {
  it('gives the offset Intl gives, in every zone Intl knows, 1970 to 2100 (every 91 days) and on both sides of each change from 2000 to 2035', () => {
    // The wall clock is UTC plus the offset, in V8's Date as in Intl: comparing offsets compares the readings.
    const samples: number[] = []
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 91 * 24 * HOUR + 1_234_567) samples.push(ms)
    const [from, to] = [Date.UTC(2000, 0, 1), Date.UTC(2035, 0, 1)]
    let changes = 0
    for (const zone of ZONES) {
      const expected = samples.map((ms) => intlOffset(ms, zone))
      const edges: number[] = []
      for (let i = 1; i < samples.length; i++) {
        if (expected[i] === expected[i - 1] || samples[i]! < from || samples[i - 1]! > to) continue
        let [lo, hi] = [samples[i - 1]!, samples[i]!]
        while (hi - lo > 60_000) {
          const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000
          if (intlOffset(mid, zone) === expected[i - 1]) lo = mid
          else hi = mid
        }
        edges.push(hi - 60_000, hi, hi + 59_999)
      }
      changes += edges.length / 3
      const instants = [...samples, ...edges]
      const actual = inZone(zone, (zoned) => instants.map((ms) => offsetMinutes(zoned.in(ms))))
      expect(actual, zone).toEqual(instants.map((ms) => intlOffset(ms, zone)))
    }
    expect(changes).toBeGreaterThan(1000)
  })

  it("builds instants from local times by JavaScript's rule: a skipped time moves forward, a repeated one is the first", () => {
    // The reference, from Intl's offsets alone: the instants whose wall clock shows the time asked; the first of two
    // when the autumn change repeats it; for a time the spring change skipped, the offset from before the change.
    // (@date-fns/tz answers a repeated time by the machine's own zone: the first on a Berlin laptop, the second on a
    // server in UTC. No deadline depends on it: clocks end at the end of a day or at a cutoff in office hours, and
    // readInstant refuses such a time, naming both.)
    const reference = (zone: string, fields: number): number => {
      const [before, after] = [intlOffset(fields - 24 * HOUR, zone), intlOffset(fields + 24 * HOUR, zone)]
      const candidates = [...new Set([before, after])].map((offset) => fields - offset * 60_000).filter((ms) => fields - intlOffset(ms, zone) * 60_000 === ms)
      return candidates.length ? Math.min(...candidates) : fields - before * 60_000
    }
    let repeated = 0
    let skipped = 0
    for (const zone of ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tehran', 'Europe/Dublin', 'Pacific/Apia']) {
      for (const year of [2011, 2021, 2026]) {
        // The days the offset changes (and the days either side), and two ordinary days a month.
        const days = new Set<number>()
        for (let ms = Date.UTC(year, 0, 1, 12); ms < Date.UTC(year + 1, 0, 1); ms += 24 * HOUR) {
          if ([1, 15].includes(new Date(ms).getUTCDate())) days.add(ms)
          if (intlOffset(ms, zone) !== intlOffset(ms + 24 * HOUR, zone)) for (const d of [0, 1, 2]) days.add(ms + d * 24 * HOUR)
        }
        for (const noon of days) {
          const day = new Date(noon)
          const local = Array.from({length: 96}, (_, quarter) => Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0, quarter * 15))
          const actual = inZone(zone, (zoned) =>
            local.map((fields) => zoned.at(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0, (fields - local[0]!) / 60_000).getTime()),
          )
          expect(actual, `${zone} ${day.toISOString().slice(0, 10)}`).toEqual(local.map((fields) => reference(zone, fields)))
          for (const fields of local) {
            const matches = [intlOffset(fields - 24 * HOUR, zone), intlOffset(fields + 24 * HOUR, zone)].filter(
              (offset, i, all) => all.indexOf(offset) === i && intlOffset(fields - offset * 60_000, zone) === offset,
            ).length
            if (matches === 2) repeated++
            if (matches === 0) skipped++
          }
        }
      }
    }
    expect(repeated).toBeGreaterThan(20)
    expect(skipped).toBeGreaterThan(20)
  })

  it("puts back the operator's own TZ after the work, set or not, and their local time with it", () => {
    const january = Date.UTC(2021, 0, 1)
    process.env.TZ = 'Asia/Tokyo'
    expect(inZone('Europe/Berlin', (zoned) => offsetMinutes(zoned.in(january)))).toBe(60)
    expect(process.env.TZ).toBe('Asia/Tokyo')
    expect(offsetMinutes(new Date(january))).toBe(540)
    delete process.env.TZ
    const machine = offsetMinutes(new Date(january))
    expect(inZone('Asia/Kathmandu', (zoned) => offsetMinutes(zoned.in(january)))).toBe(345)
    expect('TZ' in process.env).toBe(false)
    expect(offsetMinutes(new Date(january))).toBe(machine)
    process.env.TZ = 'America/Denver'
    expect(() => inZone('Europe/Paris', () => JSON.parse('{'))).toThrow()
    expect(process.env.TZ).toBe('America/Denver')
  })

  it('keeps the outer zone around work in another one, and refuses asynchronous work', async () => {
    const at = Date.UTC(2026, 6, 1, 12)
    const [inner, outer] = inZone('Europe/Berlin', (zoned) => [formatInZone(new Date(at), 'Asia/Tokyo'), lightFormat(zoned.in(at), 'HH:mm')])
    expect(inner).toBe('2026-07-01 21:00 +09:00')
    expect(outer).toBe('14:00')
    expect(() => inZone('Europe/Berlin', async () => 1)).toThrow(/synchronous/)
  })

  it('a name ICU does not know gives no time, as with Intl, not UTC', () => {
    // ICU reads an unknown TZ as Etc/Unknown, UTC all year: taking that for the zone would put a deadline hours off.
    expect(inZone('Mars/Olympus_Mons', (zoned) => zoned.in(Date.UTC(2026, 0, 1)).getTime())).toBeNaN()
    expect(inZone('Africa/Abidjan', (zoned) => lightFormat(zoned.in(Date.UTC(2026, 0, 1, 7)), 'HH:mm'))).toBe('07:00')
  })

  it('a zone of three or four letters where the system has no time-zone files reads as Intl does, not as UTC', () => {
    // glibc looks for zone files in TZDIR: an empty one is a slim container without tzdata. ICU then sets aside a
    // short name (CET, EST, Cuba) whose offset the C library does not confirm, and the process clock runs on UTC.
    const january = Date.UTC(2021, 0, 1, 12)
    const july = Date.UTC(2021, 6, 1, 12)
    process.env.TZDIR = tempDir('runbook-tzdir-')
    try {
      process.env.TZ = 'CET'
      expect(new Date(july).getTimezoneOffset()).toBe(0) // what the process clock alone would say
      delete process.env.TZ
      for (const zone of ['CET', 'EST', 'Cuba']) {
        const actual = inZone(zone, (zoned) => [january, july].map((at) => offsetMinutes(zoned.in(at))))
        expect(actual, zone).toEqual([january, july].map((at) => intlOffset(at, zone)))
      }
    } finally {
      delete process.env.TZDIR
    }
    expect(inZone('CET', (zoned) => offsetMinutes(zoned.in(july)))).toBe(120)
  })

  it('readInstant and formatInZone answer as before at the clock changes', () => {
    expect(readInstant('2026-03-29 02:30', 'Europe/Berlin')).toEqual({
      ok: false,
      reason:
        '2026-03-29 02:30 does not exist in Europe/Berlin: the clocks jumped forward that night. Did you mean 2026-03-29 01:30 +01:00 or 2026-03-29 03:30 +02:00?',
    })
    expect(readInstant('2026-10-25 02:30', 'Europe/Berlin')).toEqual({
      ok: false,
      reason: '2026-10-25 02:30 happened twice in Europe/Berlin (the clocks went back): give the offset, 2026-10-25 02:30 +02:00 or 2026-10-25 02:30 +01:00',
    })
    expect(readInstant('2026-10-25 03:30', 'Europe/Berlin')).toEqual({ok: true, date: new Date('2026-10-25T02:30:00Z')})
    expect(formatInZone('2026-04-05T15:59:00Z', 'Australia/Lord_Howe')).toBe('2026-04-06 02:29 +10:30')
    expect(formatInZone('1971-06-01T12:00:00Z', 'Africa/Monrovia')).toBe('1971-06-01 11:15 -00:44:30')
  })
})
