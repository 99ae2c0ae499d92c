// The facilitator's console: every button with data-action and every form with data-action posts to the server's
// action endpoint, with the facilitator token in a header (the cookie alone never acts). Feedback through
// textContent only; the page itself is brought up to date by the live stream (live.js).
'use strict'
;(function () {
  var meta = document.querySelector('meta[name="runbook-act"]')
  var token = meta ? meta.getAttribute('content') : ''
  var feedback = document.getElementById('feedback')

  function say(text, state) {
    if (!feedback) return
    feedback.textContent = text
    feedback.setAttribute('data-state', state)
  }

  /** The data-* attributes of a button, besides its action, as the request body (data-inject-id -> injectId). */
  function bodyOf(element) {
    var body = {}
    Object.keys(element.dataset).forEach(function (key) {
      if (key !== 'action') body[key] = element.dataset[key]
    })
    return body
  }

  function act(action, body, done) {
    say('Sending…', 'busy')
    fetch('/api/act/' + encodeURIComponent(action), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'content-type': 'application/json', 'x-runbook-token': token},
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.error + (answer.hint ? ' ' + answer.hint : ''))
          return answer
        })
      })
      .then(function (answer) {
        say(answer.message || 'Done.', 'ok')
        if (done) done()
      })
      .catch(function (error) {
        say(error.message || 'The server did not answer.', 'error')
      })
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]')
    if (!button || button.form) return
    act(button.dataset.action, bodyOf(button))
  })

  document.addEventListener('submit', function (event) {
    var form = event.target.closest('form[data-action]')
    if (!form) return
    event.preventDefault()
    var body = {}
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== '') body[key] = String(value)
    })
    act(form.dataset.action, body, function () {
      form.reset()
    })
  })
})()
