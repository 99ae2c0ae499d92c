import {formatInZone} from '../../core/time/instant.js'
import {inZone} from '../../core/time/zone.js'
import type {DashboardView, DeadlineItem} from './dashboard.js'
import {html, type Html} from './html.js'

const WIDTH = 1000
const LEFT = 20
const RIGHT = 850
const AXIS_Y = 70
const HOUR = 3_600_000
/** Deadlines further than this after now are counted at the right edge instead of stretching the axis. */
const HORIZON_MS = 14 * 24 * HOUR
const DAY = 24 * HOUR
const TICK_STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 56 * DAY, 91 * DAY, 182 * DAY, 364 * DAY]

const EVENT_CLASS: Record<string, string> = {fact: 'ev-fact', step: 'ev-step', obligation: 'ev-met', drill: 'ev-drill', note: 'ev-note'}

export interface Axis {
  fromMs: number
  toMs: number
  later: DeadlineItem[]
}

/** The stretch of time the picture covers: from the incident's start (or its first event) to the deadlines that matter soon. */
export function axisRange(view: DashboardView): Axis {
  const nowMs = Date.parse(view.now.iso)
  const times = [Date.parse(view.started.iso), ...view.events.map((e) => Date.parse(e.at))]
  const fromMs = Math.min(...times, nowMs)
  const dueMs = (d: DeadlineItem) => Date.parse((d.due ?? d.target)!.iso)
  const dated = view.deadlines.filter((d) => d.due ?? d.target)
  const soon = dated.filter((d) => d.met || dueMs(d) <= nowMs + HORIZON_MS)
  const later = dated.filter((d) => !soon.includes(d))
  // The end is rounded up to a whole step, so the picture keeps its scale while now moves on (until it passes the end).
  const last = Math.max(nowMs, ...soon.map(dueMs), ...soon.flatMap((d) => (d.met ? [Date.parse(d.met.iso)] : [])))
  const span = Math.max(last - fromMs, HOUR)
  const step = TICK_STEPS.find((s) => span / s <= 8) ?? TICK_STEPS.at(-1)!
  return {fromMs, toMs: Math.ceil((last + span * 0.06) / step) * step, later}
}

const x = (ms: number, axis: Axis) => Math.round((LEFT + ((ms - axis.fromMs) / (axis.toMs - axis.fromMs)) * (RIGHT - LEFT)) * 10) / 10

function ticks(axis: Axis, zone: string): Html[] {
  const step = TICK_STEPS.find((s) => (axis.toMs - axis.fromMs) / s <= 8) ?? TICK_STEPS.at(-1)!
  const out: Html[] = []
  // Ticks on whole hours and days of the incident's zone, not of UTC.
  const offsetMs = (ms: number) => {
    const text = formatInZone(new Date(ms), zone, 'xxx')
    return (text.startsWith('-') ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6))) * 60_000
  }
  let t = Math.ceil((axis.fromMs + offsetMs(axis.fromMs)) / step) * step - offsetMs(axis.fromMs)
  for (; t <= axis.toMs; t += step) {
    const label = formatInZone(new Date(t), zone, step >= 24 * HOUR ? 'MM-dd' : 'MM-dd HH:mm')
    out.push(
      html`<line class="tick" x1="${x(t, axis)}" x2="${x(t, axis)}" y1="${AXIS_Y - 4}" y2="${AXIS_Y + 4}" /><text
          class="tick-label"
          x="${x(t, axis)}"
          y="${AXIS_Y + 18}"
          text-anchor="middle"
          >${label}</text
        >`,
    )
  }
  return out
}

function eventMarks(view: DashboardView, axis: Axis): Html[] {
  return view.events.map((e) => {
    const kind = EVENT_CLASS[e.kind.split('.')[0]!] ?? 'ev-other'
    return html`<circle class="ev ${kind}" cx="${x(Date.parse(e.at), axis)}" cy="${AXIS_Y - 16}" r="5"
      ><title>${formatInZone(e.at, view.timezone)}: ${e.text}</title></circle
    >`
  })
}

function deadlineMarks(view: DashboardView, axis: Axis): Html[] {
  const nowMs = Date.parse(view.now.iso)
  const shown = view.deadlines.filter((d) => (d.due ?? d.target) && !axis.later.includes(d))
  const next = shown.find((d) => !d.met && Date.parse((d.due ?? d.target)!.iso) >= nowMs)
  return shown.map((d, i) => {
    const at = Date.parse((d.due ?? d.target)!.iso)
    const px = x(at, axis)
    const row = i % 3
    const y = AXIS_Y + 38 + row * 18
    const anchor = px > RIGHT - 60 ? 'end' : 'start'
    const what = d.met ? `made ${d.met.local}` : d.due ? `due ${d.due.local}` : `guidance: by ${d.target!.local}`
    return html`<g class="dl dl-${d.status}${d === next ? ' dl-next' : ''}"
      ><line x1="${px}" x2="${px}" y1="${AXIS_Y}" y2="${y - 10}" /><path d="M${px - 5} ${AXIS_Y + 2} L${px + 5} ${AXIS_Y + 2} L${px} ${AXIS_Y + 10} Z" /><text
        x="${px + (anchor === 'end' ? -3 : 3)}"
        y="${y}"
        text-anchor="${anchor}"
        >${d.id}</text
      ><title>${d.id}: ${d.title} (${what})</title></g
    >`
  })
}

/**
 * The incident on a time axis: its events above the line, each deadline's due time below it, and now. What is coming
 * due sits just right of the now line, the next one in bold; deadlines weeks away are counted at the right edge.
 */
export function axisSvg(view: DashboardView): Html {
  return inZone(view.timezone, () => drawAxis(view))
}

function drawAxis(view: DashboardView): Html {
  const axis = axisRange(view)
  const nowMs = Date.parse(view.now.iso)
  const nowX = x(nowMs, axis)
  const pending = view.deadlines.filter((d) => !d.met && (d.due ?? d.target))
  const next = pending.find((d) => Date.parse((d.due ?? d.target)!.iso) >= nowMs)
  const summary = [
    `${view.events.length} events since ${formatInZone(new Date(axis.fromMs), view.timezone)}.`,
    next ? `Next deadline: ${next.id}, due ${(next.due ?? next.target)!.local}.` : 'No deadline ahead.',
    pending.some((d) => d.status === 'overdue') ? `${pending.filter((d) => d.status === 'overdue').length} overdue.` : '',
  ].join(' ')
  const later = axis.later.length
    ? html`<g class="later"
        ><text x="${WIDTH - 8}" y="${AXIS_Y + 4}" text-anchor="end">${axis.later.length} later →</text
        ><text x="${WIDTH - 8}" y="${AXIS_Y + 22}" text-anchor="end">first ${axis.later[0]!.due?.local.slice(0, 10) ?? ''}</text></g
      >`
    : ''
  return html`<svg
    class="axis"
    viewBox="0 0 ${WIDTH} 140"
    role="img"
    aria-labelledby="axis-title axis-desc"
    data-from="${axis.fromMs}"
    data-to="${axis.toMs}"
    data-left="${LEFT}"
    data-right="${RIGHT}"
  >
    <title id="axis-title">Timeline of ${view.title}</title>
    <desc id="axis-desc">${summary}</desc>
    <line class="baseline" x1="${LEFT}" x2="${RIGHT}" y1="${AXIS_Y}" y2="${AXIS_Y}" />
    ${ticks(axis, view.timezone)} ${eventMarks(view, axis)} ${deadlineMarks(view, axis)}
    <g class="now" id="axis-now">
      <line x1="${nowX}" x2="${nowX}" y1="10" y2="${AXIS_Y + 8}" />
      <text x="${nowX}" y="10" text-anchor="middle">now</text>
    </g>
    ${later}
  </svg>`
}
