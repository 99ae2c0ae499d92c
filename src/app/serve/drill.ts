import {z} from 'zod'
import {RATINGS} from '../../core/drills/schema.js'
import {UserError} from '../../core/errors.js'
import {printable} from '../../core/printable.js'
import {formatInZone} from '../../core/time/instant.js'
import type {Context} from '../context.js'
import {
  addInject,
  debriefNote,
  deferInject,
  DEFAULT_DEFER,
  deliverDue,
  drillView,
  fireInject,
  nextInject,
  pauseDrill,
  rateObjective,
  resumeDrill,
  type DrillView,
  type MselEntry,
} from '../drill-control.js'
import {html, paragraphs, tableHead, type Html} from './html.js'
import {clockLine} from './pages.js'

const local = (iso: string, zone: string) => formatInZone(iso, zone)
const time = (iso: string, zone: string) => html`<time datetime="${iso}">${local(iso, zone)}</time>`

/** The drill's clock as the dashboard's clock line takes it. */
function clockOf(view: DrillView): {drill: true; now: {iso: string; local: string}; rate: number; timezone: string} {
  const running = !view.clock.paused && !view.clock.ended && view.clock.speed !== null
  return {
    drill: true,
    now: {iso: view.clock.simulatedNow, local: local(view.clock.simulatedNow, view.clock.zone)},
    rate: running ? view.clock.speed! : 0,
    timezone: view.clock.zone,
  }
}

function clockState(view: DrillView): string {
  if (view.clock.ended) return 'The exercise has ended.'
  if (view.clock.paused) return 'Paused.'
  if (view.clock.manual) return 'The clock moves when the facilitator moves it.'
  return `Running at ${view.clock.speed}× real time.`
}

function liveMain(view: DrillView, kind: string, body: Html): Html {
  const clock = clockOf(view)
  return html`<main id="live" class="${kind}" data-now-ms="${Date.parse(clock.now.iso)}" data-rate="${clock.rate}" data-zone="${clock.timezone}">${body}</main>`
}

/**
 * The projector: what the room reads. The situation, the simulated clock, and every inject that has arrived with
 * its full message, newest first. Built from the players' view, which carries no expected action at all.
 */
export function projectorMain(view: DrillView): Html {
  const injects = [...view.injects].reverse()
  return liveMain(
    view,
    'projector',
    html`<h1>${printable(view.scenario.title)}</h1>
      ${clockLine(clockOf(view))}
      <p class="${view.clock.paused || view.clock.ended ? 'paused' : 'running'}">${clockState(view)}</p>
      <section aria-labelledby="h-messages">
        <h2 id="h-messages">Messages (${injects.length})</h2>
        ${
          injects.length
            ? html`<ol class="injects" reversed>
                ${injects.map(
                  (m, i) =>
                    html`<li class="inject${i === 0 ? ' newest' : ''}" id="inject-${m.id}">
                      <h3>${printable(m.title)}</h3>
                      <p class="from">From ${printable(m.from)} · ${time(m.at, view.clock.zone)}</p>
                      <div class="message">${paragraphs(printable(m.message))}</div>
                    </li>`,
                )}
              </ol>`
            : html`<p>No message yet.</p>`
        }
      </section>
      <section aria-labelledby="h-situation">
        <h2 id="h-situation">The situation</h2>
        <div class="situation">${paragraphs(printable(view.situation))}</div>
      </section>`,
  )
}

function mselStatus(entry: MselEntry, zone: string): Html {
  const how = [entry.fired ? 'fired early' : '', entry.addedFromFloor ? 'from the floor' : '', entry.deferredBy ? `deferred ${entry.deferredBy}` : '']
    .filter(Boolean)
    .join(', ')
  if (entry.arrivedAt) return html`arrived ${time(entry.arrivedAt, zone)}${how ? ` (${how})` : ''}`
  return html`<span class="countdown" data-due="${entry.dueAt}"></span>${how ? ` (${how})` : ''}`
}

function expectation(entry: MselEntry, zone: string): Html {
  if (!entry.expects) return html`<span class="sub">none</span>`
  const what = [entry.expects.step ? `step ${entry.expects.step}` : '', entry.expects.decision ?? ''].filter(Boolean).join('; ')
  return html`${printable(what)} <span class="sub">within ${entry.expects.within}, by ${local(entry.expects.by, zone)}</span>`
}

/**
 * The facilitator's console: the clock and its controls, the MSEL with the expected actions, objectives to rate,
 * the hotwash notes. Buttons carry what they act on (data-action, data-inject-id); console.js posts them.
 */
export function consoleMain(view: DrillView): Html {
  const zone = view.clock.zone
  const f = view.facilitator!
  const over = Boolean(view.clock.ended)
  const pending = f.msel.filter((e) => !e.arrivedAt)
  return liveMain(
    view,
    'console',
    html`<h1>Facilitator console: ${printable(view.scenario.title)}</h1>
      ${clockLine(clockOf(view))}
      <p class="${view.clock.paused || over ? 'paused' : 'running'}">${clockState(view)}</p>
      <div class="controls" role="group" aria-label="Clock">
        ${
          view.clock.paused
            ? html`<button type="button" id="act-resume" data-action="resume" ${over ? html` disabled` : ''}>Resume the clock</button>`
            : html`<button type="button" id="act-pause" data-action="pause" ${over ? html` disabled` : ''}>Pause the clock</button>`
        }
        <button type="button" id="act-next" data-action="next" ${over || !view.next ? html` disabled` : ''}>
          Next inject${view.next ? html`: ${printable(view.next.title ?? '')} (due ${local(view.next.dueAt, zone)})` : ': none left'}
        </button>
      </div>
      <section aria-labelledby="h-msel">
        <h2 id="h-msel">Master scenario events list (${f.msel.length - pending.length} of ${f.msel.length} arrived)</h2>
        <table class="msel">
          ${tableHead('Due', 'Inject', 'Expected of the players', 'Status', html`<span class="visually-hidden">Actions</span>`)}
          <tbody>
            ${f.msel.map(
              (e) =>
                html`<tr class="${e.arrivedAt ? 'delivered' : 'upcoming'}">
                  <td>${time(e.dueAt, zone)}</td>
                  <th scope="row">
                    ${printable(e.title)}<span class="sub">${e.id} · from ${printable(e.from)}${e.sets.length ? ` · sets ${e.sets.join(', ')}` : ''}</span>
                    <details>
                      <summary>Message</summary>
                      ${paragraphs(printable(e.message))}
                    </details>
                  </th>
                  <td>
                    ${expectation(e, zone)}
                    ${e.decisions.map((d) => html`<span class="sub">Decided (${printable(d.actor)}, ${local(d.at, zone)}): ${printable(d.decision)}</span>`)}
                  </td>
                  <td>${mselStatus(e, zone)}</td>
                  <td class="row-actions">
                    ${
                      e.arrivedAt || over
                        ? ''
                        : html`<button type="button" id="fire-${e.id}" data-action="fire" data-inject-id="${e.id}">Fire now</button>
                            <button type="button" class="secondary" id="defer-${e.id}" data-action="defer" data-inject-id="${e.id}" data-by="${DEFAULT_DEFER}">
                              Defer ${DEFAULT_DEFER}
                            </button>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="h-objectives">
        <h2 id="h-objectives">Objectives</h2>
        <table class="objectives">
          ${tableHead('#', 'Objective', 'Rating', 'Rate')}
          <tbody>
            ${f.ratings.map(
              (r) =>
                html`<tr>
                  <td>${r.objective}</td>
                  <th scope="row">${printable(r.text)}</th>
                  <td>
                    ${
                      r.rating
                        ? html`<strong>${r.rating}</strong> ${r.meaning}<span class="sub"
                              >${printable(r.actor ?? '')}${r.note ? `: ${printable(r.note)}` : ''}</span
                            >`
                        : 'not rated'
                    }
                  </td>
                  <td class="row-actions">
                    ${Object.keys(RATINGS).map(
                      (code) =>
                        html`<button
                          type="button"
                          class="secondary"
                          id="rate-${r.objective}-${code}"
                          data-action="rate"
                          data-objective-id="${r.objective}"
                          data-rating="${code}"
                          title="${RATINGS[code as keyof typeof RATINGS]}"
                          aria-label="Rate objective ${r.objective} ${code}: ${RATINGS[code as keyof typeof RATINGS]}"
                          ${r.rating === code ? html`aria-pressed="true"` : html`aria-pressed="false"`}
                        >
                          ${code}
                        </button>`,
                    )}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="h-notes">
        <h2 id="h-notes">Hotwash notes (${f.notes.length})</h2>
        ${
          f.notes.length
            ? html`<ul class="notes">
                ${f.notes.map((n) => html`<li>${printable(n.text)} <span class="sub">${printable(n.actor)}, ${local(n.at, zone)}</span></li>`)}
              </ul>`
            : html`<p>None yet.</p>`
        }
        ${f.participants.length ? html`<p class="sub">Taking part: ${f.participants.map((p) => `${printable(p.name)} (${p.role})`).join(', ')}</p>` : ''}
      </section>`,
  )
}

/** The console's forms: outside the live part, so what the facilitator is typing survives every update. */
export function consoleAside(view: DrillView): Html {
  const f = view.facilitator!
  return html`<aside aria-labelledby="h-floor">
    <p id="feedback" class="feedback" role="status" aria-live="polite"></p>
    <div class="console-grid">
      <form class="stack" data-action="add">
        <h2 id="h-floor">An inject from the floor</h2>
        <label for="add-from">From</label>
        <input id="add-from" name="from" maxlength="120" placeholder="Facilitator" />
        <label for="add-title">Title</label>
        <input id="add-title" name="title" maxlength="200" required />
        <label for="add-message">Message the players read</label>
        <textarea id="add-message" name="message" maxlength="5000" required></textarea>
        <button type="submit" id="add-send">Send it now</button>
      </form>
      <div>
        <form class="stack" data-action="defer">
          <h2 id="h-defer">Defer an inject</h2>
          <label for="defer-inject">Inject</label>
          <select id="defer-inject" name="injectId">
            ${f.msel.map((e) => html`<option value="${e.id}">${e.id}: ${printable(e.title)}</option>`)}
          </select>
          <label for="defer-by">By (simulated time, e.g. 30m, 2h)</label>
          <input id="defer-by" name="by" value="${DEFAULT_DEFER}" maxlength="12" />
          <button type="submit" id="defer-send">Defer</button>
        </form>
        <form class="stack" data-action="rate">
          <h2 id="h-rate">Rate an objective, with a note</h2>
          <label for="rate-objective">Objective</label>
          <select id="rate-objective" name="objectiveId">
            ${view.objectives.map((o) => html`<option value="${o.number}">${o.number}. ${printable(o.text)}</option>`)}
          </select>
          <label for="rate-rating">Rating</label>
          <select id="rate-rating" name="rating">
            ${Object.entries(RATINGS).map(([code, meaning]) => html`<option value="${code}">${code}: ${meaning}</option>`)}
          </select>
          <label for="rate-note">Note</label>
          <input id="rate-note" name="note" maxlength="2000" />
          <button type="submit" id="rate-send">Rate</button>
        </form>
        <form class="stack" data-action="debrief">
          <h2 id="h-debrief">Hotwash note</h2>
          <label for="debrief-text">Note (kept with your name)</label>
          <textarea id="debrief-text" name="text" maxlength="5000" required></textarea>
          <button type="submit" id="debrief-send">Add the note</button>
        </form>
      </div>
    </div>
  </aside>`
}

const text = (max: number) => z.string().trim().min(1).max(max)
const ACTION_BODIES = {
  pause: z.object({}),
  resume: z.object({}),
  next: z.object({}),
  fire: z.object({injectId: text(100)}),
  defer: z.object({injectId: text(100), by: text(12).optional()}),
  add: z.object({title: text(200), message: text(5000), from: text(120).optional()}),
  rate: z.object({objectiveId: text(4), rating: z.enum(Object.keys(RATINGS) as [string, ...string[]]), note: text(2000).optional()}),
  debrief: z.object({text: text(5000)}),
}

function parse<K extends keyof typeof ACTION_BODIES>(name: K, body: unknown): z.infer<(typeof ACTION_BODIES)[K]> {
  const result = ACTION_BODIES[name].safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new UserError(`${name}: ${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return result.data as z.infer<(typeof ACTION_BODIES)[K]>
}

/** What the console's buttons call: a form's fields in, a sentence for the facilitator out. */
export type ActionHandler = (body: Record<string, unknown>) => Promise<{message: string}>

/** The console's actions: each a drill use case (the same the `runbook drill ...` commands call), answering in words. */
export function drillActions(ctx: Context, id: string): Record<string, ActionHandler> {
  const zone = async () => (await drillView(ctx, id, {audience: 'player'})).clock.zone
  const at = async (iso: string) => local(iso, await zone())
  return {
    pause: async (body) => {
      parse('pause', body)
      const r = await pauseDrill(ctx, id)
      return {message: `Paused at ${await at(r.clock.simulatedNow)} (simulated).`}
    },
    resume: async (body) => {
      parse('resume', body)
      const r = await resumeDrill(ctx, id)
      return {message: `Resumed at ${await at(r.clock.simulatedNow)} (simulated).`}
    },
    next: async (body) => {
      parse('next', body)
      const r = await nextInject(ctx, id)
      return {message: `Clock moved to ${await at(r.clock.simulatedNow)}: "${r.inject.title}" has arrived.`}
    },
    fire: async (body) => {
      const {injectId} = parse('fire', body)
      const r = await fireInject(ctx, id, injectId)
      return {message: `Sent "${r.inject.title}" now.`}
    },
    defer: async (body) => {
      const {injectId, by} = parse('defer', body)
      const r = await deferInject(ctx, id, injectId, by)
      return {message: `${r.inject} deferred by ${r.by}: now due ${await at(r.dueAt)}.`}
    },
    add: async (body) => {
      const input = parse('add', body)
      const r = await addInject(ctx, id, input)
      return {message: `Sent "${r.inject.title}" from the floor.`}
    },
    rate: async (body) => {
      const {objectiveId, rating, note} = parse('rate', body)
      const r = await rateObjective(ctx, id, objectiveId, rating, note)
      return {message: `Objective ${r.objective} rated ${r.rating} (${r.meaning}).`}
    },
    debrief: async (body) => {
      const {text: note} = parse('debrief', body)
      await debriefNote(ctx, id, note)
      return {message: 'Note kept.'}
    },
  }
}

/**
 * Keeps a running drill's record in step with its clock: delivers what has come due (so the facts its injects set
 * are recorded), and says how long, in real time, until the next inject is due (null: nothing scheduled).
 */
export async function drillPulse(ctx: Context, id: string): Promise<number | null> {
  await deliverDue(ctx, id)
  const view = await drillView(ctx, id, {audience: 'player'})
  if (view.clock.ended || view.clock.paused || !view.next || view.clock.speed === null) return null
  return Math.max(0, (Date.parse(view.next.dueAt) - Date.parse(view.clock.simulatedNow)) / view.clock.speed)
}
