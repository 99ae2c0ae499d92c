import type {AfterActionReport} from '../core/report/after-action.js'
import {exerciseTitle, markMarkdown} from '../core/exercise.js'
import {createRenderer} from './notice.js'

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The after-action report as Markdown or a print-ready page; an exercise is marked at the top and the bottom. */
export function renderAfterAction(report: AfterActionReport, options: {searchPaths: string[]; zone: string; format: 'md' | 'html'; orgName: string}): string {
  const renderer = createRenderer(options.searchPaths)
  const context = {r: report, zone: options.zone, locale: 'en'}
  const markdown = markMarkdown(renderer.plain.render('reports/after-action.en.md.njk', context), report.exercise)
  if (options.format === 'md') return markdown
  const title = exerciseTitle(`After-action report: ${report.title}`, report.exercise)
  return renderer.html.render('layouts/page.html.njk', {title, body: renderer.markdown.render(markdown), lang: 'en', org: {name: options.orgName}})
}

/** What a participant handout holds: never an inject or an expected action. */
export interface Handout {
  title: string
  org: string
  description: string
  situation: string
  objectives: string[]
  length: string
  playbook: string
  start: string
  roles: string[]
}

/** The participant handout as Markdown or a print-ready page, marked EXERCISE at the top and the bottom. */
export function renderHandout(handout: Handout, options: {searchPaths: string[]; zone: string; format: 'md' | 'html'; orgName: string}): string {
  const renderer = createRenderer(options.searchPaths)
  const markdown = markMarkdown(renderer.plain.render('reports/handout.en.md.njk', {h: handout, zone: options.zone, locale: 'en'}), true)
  if (options.format === 'md') return markdown
  const title = exerciseTitle(`Participant handout: ${handout.title}`, true)
  return renderer.html.render('layouts/page.html.njk', {title, body: renderer.markdown.render(markdown), lang: 'en', org: {name: options.orgName}})
}
