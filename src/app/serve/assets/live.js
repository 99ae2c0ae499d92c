// The live part of every runbook page: the clock and countdowns tick here, and a Server-Sent Events stream replaces
// the page's <main id="live"> with the server's newer rendering (escaped markup, parsed inert by DOMParser; no eval,
// no inline script). Text written here goes through textContent only.
'use strict'
;(function () {
  // The access token in the address bar is not needed once the server has set its cookie: keep it out of sight.
  var address = new URL(window.location.href)
  if (address.searchParams.has('token')) {
    address.searchParams.delete('token')
    window.history.replaceState(null, '', address.pathname + address.search + address.hash)
  }

  var clock = readClock()
  var zoneFormats = {}

  function readClock() {
    var main = document.getElementById('live')
    return {
      nowMs: Number(main && main.getAttribute('data-now-ms')),
      rate: Number(main && main.getAttribute('data-rate')),
      zone: (main && main.getAttribute('data-zone')) || 'UTC',
      at: performance.now(),
    }
  }

  /** The incident's now: its own clock (a drill's simulated one) moved on by the time since the page got it. */
  function incidentNow() {
    return clock.nowMs + (performance.now() - clock.at) * clock.rate
  }

  /** 2d 4h, 3h 12m, 42m 10s: the two largest units, as the command line writes durations (with seconds under an hour). */
  function elapsed(ms) {
    var s = Math.floor(Math.abs(ms) / 1000)
    var d = Math.floor(s / 86400)
    var h = Math.floor((s % 86400) / 3600)
    var m = Math.floor((s % 3600) / 60)
    var sec = s % 60
    var parts = []
    if (d) parts.push(d + 'd')
    if (h) parts.push(h + 'h')
    if (m || (!d && !h)) parts.push(m + 'm')
    if (!d && !h) parts.push(sec + 's')
    return parts.slice(0, 2).join(' ')
  }

  function two(n) {
    return (n < 10 ? '0' : '') + n
  }

  /** yyyy-MM-dd HH:mm:ss in the incident's time zone. */
  function local(ms, zone) {
    var format = zoneFormats[zone]
    if (!format) {
      format = zoneFormats[zone] = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
    }
    var p = {}
    format.formatToParts(new Date(ms)).forEach(function (part) {
      p[part.type] = part.value
    })
    return p.year + '-' + p.month + '-' + p.day + ' ' + two(Number(p.hour)) + ':' + p.minute + ':' + p.second
  }

  function tick() {
    if (!clock.nowMs) return
    var now = incidentNow()
    var shown = document.getElementById('clock')
    if (shown) shown.textContent = local(now, clock.zone)
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var left = Number(Date.parse(el.getAttribute('data-due'))) - now
      el.textContent = left >= 0 ? 'in ' + elapsed(left) : 'overdue by ' + elapsed(-left)
      el.classList.toggle('overdue', left < 0)
    })
    document.querySelectorAll('[data-since]').forEach(function (el) {
      el.textContent = elapsed(now - Date.parse(el.getAttribute('data-since')))
    })
    var axis = document.querySelector('svg.axis')
    var marker = document.getElementById('axis-now')
    if (axis && marker) {
      var from = Number(axis.getAttribute('data-from'))
      var to = Number(axis.getAttribute('data-to'))
      var left = Number(axis.getAttribute('data-left'))
      var right = Number(axis.getAttribute('data-right'))
      var x = left + ((Math.min(now, to) - from) / (to - from)) * (right - left)
      var line = marker.querySelector('line')
      var label = marker.querySelector('text')
      line.setAttribute('x1', x.toFixed(1))
      line.setAttribute('x2', x.toFixed(1))
      label.setAttribute('x', x.toFixed(1))
    }
  }

  /** Puts the server's newer rendering in place, keeping the focus where it was (a facilitator's button). */
  function replaceLive(markup, version) {
    var fresh = new DOMParser().parseFromString(markup, 'text/html').getElementById('live')
    var current = document.getElementById('live')
    if (!fresh || !current) return
    var focused = document.activeElement && document.activeElement.id
    current.replaceWith(document.importNode(fresh, true))
    document.body.setAttribute('data-version', version || '')
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus()
    clock = readClock()
    tick()
    document.dispatchEvent(new CustomEvent('runbook:updated'))
  }

  var status = document.getElementById('live-status')
  function say(text, state) {
    if (status && status.textContent !== text) status.textContent = text
    if (status) status.setAttribute('data-state', state)
  }

  if (window.EventSource) {
    var view = document.body.getAttribute('data-view')
    var version = document.body.getAttribute('data-version') || ''
    var source = new EventSource('/events?view=' + encodeURIComponent(view) + '&version=' + encodeURIComponent(version))
    source.addEventListener('open', function () {
      say('Live', 'live')
    })
    source.addEventListener('error', function () {
      say(source.readyState === EventSource.CLOSED ? 'Not live: reload the page' : 'Reconnecting…', 'down')
    })
    source.addEventListener('view', function (event) {
      replaceLive(event.data, event.lastEventId)
    })
  } else {
    say('Not live: this browser has no EventSource', 'down')
  }

  tick()
  setInterval(tick, 1000)
})()
