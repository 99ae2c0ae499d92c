import {EXERCISE_MARK, exerciseTitle} from '../core/exercise.js'

export type Paper = 'letter' | 'a4'

/** How a letter is laid out: the organisation's paper, letterhead and signatory, and whether it is a drill. */
export interface LetterLayout {
  paper: Paper
  orgName: string
  orgAddress?: string
  signatory?: {name: string; title: string; translations?: Record<string, {name: string; title: string}>}
  exercise: boolean
}

/** US Letter in the United States and Canada, A4 elsewhere; runbook.yaml's organization.paper decides first. */
export function paperFor(country: string | undefined, chosen?: Paper): Paper {
  if (chosen) return chosen
  return country === 'US' || country === 'CA' ? 'letter' : 'a4'
}

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const SIZE: Record<Paper, string> = {letter: '8.5in 11in', a4: '210mm 297mm'}

/**
 * The page around a batch of letters. Each letter starts on a new sheet; its letterhead names the organisation;
 * a drill's letters carry the EXERCISE banner on every printed page (fixed elements repeat on each page in print).
 */
export function letterPage(title: string, layout: LetterLayout): string {
  const banner = layout.exercise ? `<div class="exercise-page top">${EXERCISE_MARK}</div><div class="exercise-page bottom">${EXERCISE_MARK}</div>\n` : ''
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(exerciseTitle(title, layout.exercise))}</title><style>
@page { size: ${SIZE[layout.paper]}; margin: 2cm 2cm 2.2cm; }
body { font: 11pt/1.45 Georgia, "Noto Serif", "Noto Serif CJK JP", "Hiragino Mincho ProN", serif; margin: 0; }
.letter { page-break-after: always; break-after: page; }
.letter:last-of-type { page-break-after: auto; break-after: auto; }
.letterhead { border-bottom: 1px solid #444; margin-bottom: 1cm; padding-bottom: .3cm; }
.letterhead .org { font: bold 14pt sans-serif; }
.letterhead .org-address { font-size: 9pt; color: #333; white-space: pre-line; }
.address { white-space: pre-line; margin-bottom: 1cm; }
.letter.ja .address .honorific { display: block; }
.letter.ja > .body > p:first-child { text-align: right; }
.signature { margin-top: 1cm; white-space: pre-line; }
.exercise { font: bold 13pt sans-serif; color: #a00; border: 2px solid #a00; text-align: center; padding: .3rem; }
.exercise-page { position: fixed; left: 0; right: 0; font: bold 10pt sans-serif; color: #a00; text-align: center; }
.exercise-page.top { top: -1.4cm; }
.exercise-page.bottom { bottom: -1.6cm; }
</style></head><body>\n${banner}`
}

/**
 * Whether a notice signs itself (the built-in ones do, in the reader's language): a second, English signature would
 * repeat it. Ask of the notice before it is personalised: a reader who shares the signatory's name must still get
 * the same letter as everyone else.
 */
export function signsItself(unpersonalisedHtml: string, layout: LetterLayout): boolean {
  const signatory = layout.signatory
  return Boolean(signatory && [signatory, ...Object.values(signatory.translations ?? {})].some((s) => unpersonalisedHtml.includes(escapeHtml(s.name))))
}

/** The letterhead and signature around one letter's body (the envelope address and body are already HTML). */
export function letterSection(envelopeHtml: string, bodyHtml: string, layout: LetterLayout, locale: string, signedInBody: boolean): string {
  const ja = locale.startsWith('ja')
  const head = `<header class="letterhead"><div class="org">${escapeHtml(layout.orgName)}</div>${layout.orgAddress ? `<div class="org-address">${escapeHtml(layout.orgAddress)}</div>` : ''}</header>`
  const mark = layout.exercise ? `<p class="exercise">${EXERCISE_MARK}</p>` : ''
  const signer = layout.signatory && (layout.signatory.translations?.[locale.slice(0, 2)] ?? layout.signatory)
  const sign = signer && !signedInBody ? `<p class="signature">${escapeHtml(signer.name)}\n${escapeHtml(signer.title)}\n${escapeHtml(layout.orgName)}</p>` : ''
  return `<section class="letter${ja ? ' ja' : ''}" lang="${escapeHtml(locale)}">${head}${mark}<p class="address">${envelopeHtml}</p><div class="body">${bodyHtml}</div>${sign}${mark}</section>\n`
}

/** The envelope block: the name then the address; in Japanese the address first, then the name with 様 on its own line. */
export function envelope(name: string, address: string, locale: string): string {
  if (locale.startsWith('ja')) return `${escapeHtml(address)}\n<span class="honorific">${escapeHtml(name)} 様</span>`
  return escapeHtml(`${name}\n${address}`)
}
