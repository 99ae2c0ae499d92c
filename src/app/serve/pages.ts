import {createHash} from 'node:crypto'
import {EXERCISE_MARK, exerciseTitle} from '../../core/exercise.js'
import {formatElapsed} from '../../core/time/duration.js'
import {axisSvg} from './axis.js'
import type {DashboardView, DeadlineItem} from './dashboard.js'
import {html, tableHead, withBreaks, type Html} from './html.js'

export type ViewName = 'dashboard' | 'projector' | 'console'

/** A view rendered: the part that updates live (`<main id="live">`), and a version the page reports when it reconnects. */
export interface RenderedView {
  live: Html
  version: string
}

export function rendered(live: Html): RenderedView {
  return {live, version: createHash('sha256').update(steady(live.text)).digest('base64url').slice(0, 16)}
}

/**
 * The markup without what the page itself keeps ticking (the clock, countdowns, elapsed times, the now line): two
 * renderings that differ only there are the same version, so an open page is sent a view only when something in it
 * really changed (and a facilitator's click or selection is not swept away every few seconds).
 */
export function steady(markup: string): string {
  return markup
    .replace(/ data-now-ms="[^"]*"/g, '')
    .replace(/(<[^>]* data-(?:due|since)="[^"]*"[^>]*>)[^<]*/g, '$1')
    .replace(/(<time id="clock"[^>]*>)[^<]*/g, '$1')
    .replace(/<g class="now"[\s\S]*?<\/g>/g, '')
}

export interface PageShell {
  view: ViewName
  title: string
  drill: boolean
  /** Views a person with this page may switch to (the console only for the facilitator). */
  links: {view: ViewName; label: string}[]
  /** Only on the facilitator's console: the token its buttons send in a header (never in a cookie alone). */
  actToken?: string
  /** Forms that stay put while the live part is replaced (the console's ad-hoc inject and notes). */
  aside?: Html
}

/** The whole page: head, header, the live part, and what the facilitator types into. No inline script or style. */
export function page(shell: PageShell, view: RenderedView): string {
  const banner = shell.drill ? html`<p class="exercise">${EXERCISE_MARK}</p>` : ''
  const nav = shell.links.length
    ? html`<nav aria-label="Views">
        <ul>
          ${shell.links.map((l) => html`<li><a href="/${l.view}" ${l.view === shell.view ? html` aria-current="page"` : ''}>${l.label}</a></li>`)}
        </ul>
      </nav>`
    : ''
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        ${shell.actToken ? html`<meta name="runbook-act" content="${shell.actToken}" />` : ''}
        <title>${exerciseTitle(shell.title.replace(/^EXERCISE: /, ''), shell.drill)} · runbook</title>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/live.js" defer></script>
        ${shell.view === 'console' ? html`<script src="/assets/console.js" defer></script>` : ''}
      </head>
      <body data-view="${shell.view}" data-version="${view.version}">
        <header>
          ${banner}
          <div class="top">
            <p class="brand">runbook</p>
            ${nav}
            <p class="live-status" id="live-status" role="status" aria-live="polite">Connecting…</p>
          </div>
        </header>
        ${view.live} ${shell.aside ?? ''}
        <footer>${banner}</footer>
      </body>
    </html> `.text
}

const STATUS_LABEL: Record<DeadlineItem['status'], string> = {
  overdue: 'Overdue',
  'due-soon': 'Due within 24 h',
  open: 'Open',
  'met-on-time': 'Made on time',
  'met-late': 'Made late',
  'not-applicable': 'Not applicable',
}

/** "in 3h 12m" / "overdue by 2h": the same words the client keeps counting down. */
export function countdown(dueIso: string, nowIso: string): string {
  const left = Date.parse(dueIso) - Date.parse(nowIso)
  return left >= 0 ? `in ${formatElapsed(left)}` : `overdue by ${formatElapsed(-left)}`
}

/** The incident's clock in words, updated by the page every second. */
export function clockLine(view: {drill: boolean; now: {iso: string; local: string}; rate: number; timezone: string}): Html {
  const what = view.drill ? (view.rate === 0 ? 'Simulated time (clock stopped)' : `Simulated time (x${view.rate})`) : 'Now'
  return html`<p class="clock"><span class="label">${what}:</span> <time id="clock">${view.now.local}</time> <span class="zone">(${view.timezone})</span></p>`
}

function deadlineRow(d: DeadlineItem, nowIso: string, printCut: Html | ''): Html {
  const when = d.met ?? d.due ?? d.target
  const left = d.met
    ? d.met.lateByMs && d.met.lateByMs > 0
      ? `${formatElapsed(d.met.lateByMs)} late`
      : 'on time'
    : d.due
      ? html`<span class="countdown" data-due="${d.due.iso}">${countdown(d.due.iso, nowIso)}</span>`
      : d.asap
        ? 'without undue delay'
        : 'no due time yet'
  return html`<tr class="dl-${d.status}" ${printCut}>
    <td><span class="badge badge-${d.status}">${STATUS_LABEL[d.status]}</span></td>
    <th scope="row">${d.id}</th>
    <td>${d.title}<span class="sub">${d.jurisdiction} · ${d.regulation} · to ${d.notify.join(', ')}</span></td>
    <td>${when ? html`<time datetime="${when.iso}">${when.local}</time>${d.target && !d.due && !d.met ? ' (guidance)' : ''}` : '—'}</td>
    <td>${left}</td>
  </tr>`
}

/** On paper the dashboard is one page: long lists are cut there (the screen shows them whole) and say how many more. */
const PRINT_DEADLINES = 12
const PRINT_FACTS = 24
const PRINT_LATE = 6

/** Marks an item past what fits on paper. */
function cut(index: number, shown: number): Html | '' {
  return index >= shown ? html` data-print="cut"` : ''
}

function printMore(count: number, shown: number, what: string): Html | '' {
  return count > shown ? html`<p class="print-only">… and ${count - shown} more ${what} (see runbook status or the screen).</p>` : ''
}

/** The incident dashboard's live part: everything below the page header. */
export function dashboardMain(view: DashboardView): Html {
  const since = view.started.awareness ? 'since awareness' : 'since opened (aware_at not set)'
  const pending = view.deadlines.filter((d) => !d.met)
  const overdue = pending.filter((d) => d.status === 'overdue').length
  return html`<main id="live" data-now-ms="${Date.parse(view.now.iso)}" data-rate="${view.rate}" data-zone="${view.timezone}" data-seq="${view.seq}">
    <h1>${view.title} <span class="state">${view.closed ? 'closed' : 'open'}</span></h1>
    <div class="facts-line">
      ${clockLine(view)}
      <p>
        <span class="label">Elapsed:</span>
        <span class="elapsed" data-since="${view.started.iso}">${formatElapsed(Date.parse(view.now.iso) - Date.parse(view.started.iso))}</span> ${since} (<time
          datetime="${view.started.iso}"
          >${view.started.local}</time
        >)
      </p>
      <p>
        <span class="label">Deadlines:</span> ${pending.length}
        pending${overdue ? html`, <strong class="alert">${overdue} overdue</strong>` : ''}${view.mayApply.count ? `, ${view.mayApply.count} may apply` : ''}
      </p>
    </div>
    <section class="picture" aria-labelledby="h-axis">
      <h2 id="h-axis">Timeline and deadlines</h2>
      ${axisSvg(view)}
      <p class="legend">
        <span class="key ev-fact">fact</span> <span class="key ev-step">step</span> <span class="key ev-met">notification</span>
        <span class="key ev-drill">exercise</span> <span class="key ev-other">other</span> · deadlines below the line, the next one in bold
      </p>
    </section>
    <div class="grid">
      <section aria-labelledby="h-progress">
        <h2 id="h-progress">Progress</h2>
        <ul class="phases">
          ${view.phases.map(
            (p) =>
              html`<li>
                <span class="phase">${p.title}</span>
                <progress max="${p.total}" value="${p.done + p.skipped}" aria-label="${p.title}: ${p.done + p.skipped} of ${p.total}"></progress>
                <span class="count">${p.done + p.skipped}/${p.total}</span>${p.blocked ? html` <span class="alert">${p.blocked} blocked</span>` : ''}
              </li>`,
          )}
        </ul>
        ${view.complete ? html`<p>Every applicable step is done or skipped.</p>` : ''}
        ${
          view.next.length
            ? html`<h3>Next steps</h3>
                <table class="next">
                  ${tableHead('Step', 'Owner', 'Status')}
                  <tbody>
                    ${view.next.map(
                      (s) =>
                        html`<tr>
                          <td>${s.title} <span class="sub">${s.id}</span></td>
                          <td>${s.owner}</td>
                          <td>${s.status}${s.reason ? `: ${s.reason}` : ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }
        ${
          view.pastTarget.length
            ? html`<h3>Past target</h3>
                <ul class="late">
                  ${view.pastTarget.map(
                    (t, i) =>
                      html`<li${cut(i, PRINT_LATE)}>${t.title}: <span class="alert">${t.finished ? `done ${formatElapsed(t.lateByMs)} late` : html`<span data-since="${t.due.iso}">${formatElapsed(t.lateByMs)}</span> overdue`}</span> <span class="sub">target <time datetime="${t.due.iso}">${t.due.local}</time></span></li>`,
                  )}
                </ul>
                ${printMore(view.pastTarget.length, PRINT_LATE, 'steps past target')}`
            : ''
        }
      </section>
      <section aria-labelledby="h-deadlines">
        <h2 id="h-deadlines">Notification deadlines</h2>
        ${
          view.deadlines.length
            ? html`<table class="deadlines">
                  ${tableHead('Status', 'Obligation', 'What', 'When', 'Left')}
                  <tbody>
                    ${view.deadlines.map((d, i) => deadlineRow(d, view.now.iso, cut(i, PRINT_DEADLINES)))}
                  </tbody>
                </table>
                ${printMore(view.deadlines.length, PRINT_DEADLINES, 'deadlines')}`
            : html`<p>No obligation applies on the facts known so far.</p>`
        }
        ${view.mayApply.count ? html`<p class="sub">${view.mayApply.count} more may apply; the facts that would decide them: ${view.mayApply.decidingFacts.slice(0, 6).join(', ')}.</p>` : ''}
      </section>
    </div>
    <section aria-labelledby="h-facts">
      <h2 id="h-facts">Facts</h2>
      ${
        view.facts.length
          ? html`<dl class="facts">
                ${view.facts.map(
                  (f, i) =>
                    html`<div data-fact="${f.key}" ${cut(i, PRINT_FACTS)}>
                      <dt>${f.label}<span class="sub">${f.key}</span></dt>
                      <dd class="value">${withBreaks(f.value)}</dd>
                      <dd class="since"><time datetime="${f.at.iso}">${f.at.local}</time> <span class="by">by ${f.actor}</span></dd>
                    </div>`,
                )}
              </dl>
              ${printMore(view.facts.length, PRINT_FACTS, 'facts')}`
          : html`<p>No facts recorded yet.</p>`
      }
    </section>
  </main>`
}
