/**
 * HTML built from templates whose every interpolated value is escaped, unless it is already `Html` made here. A
 * value a responder typed (a fact, a note, an inject's message) can never become markup or script.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[]

function piece(value: Part): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) return value.map(piece).join('')
  return escapeHtml(String(value))
}

/** html`<p>${text}</p>`: text escaped; nested html`` fragments and lists of them kept as they are. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!
  return new Html(out)
}

/**
 * Text with line breaks as markup: paragraphs at blank lines, <br> within them. Whitespace in the markup then never
 * matters (no pre-wrap), so a formatter or a template's indentation cannot change what a reader sees.
 */
export function paragraphs(text: string): Html {
  const blocks = text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.split(/\r?\n/))
  return html`${blocks.map((block) => html`<p>${block.map((line, i) => html`${i ? html`<br />` : ''}${line}`)}</p>`)}`
}

/** One line of text, its line breaks as <br> (a fact's value in a list). */
export function withBreaks(text: string): Html {
  return html`${text.split(/\r?\n/).map((line, i) => html`${i ? html`<br />` : ''}${line}`)}`
}

/** A table's header row: one column header per label (an Html label for one that is only for screen readers). */
export function tableHead(...labels: (string | Html)[]): Html {
  return html`<thead>
    <tr>
      ${labels.map((label) => html`<th scope="col">${label}</th>`)}
    </tr>
  </thead>`
}
