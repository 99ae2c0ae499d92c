import type {AfterActionReport} from '../core/report/after-action.js'
import {createRenderer, EXERCISE_MARK} from './notice.js'

export const REPORT_FORMATS = ['md', 'html'] as const

/** The after-action report as Markdown or a print-ready page; an exercise is marked at the top and the bottom. */
export function renderAfterAction(report: AfterActionReport, options: {searchPaths: string[]; zone: string; format: 'md' | 'html'; orgName: string}): string {
  const renderer = createRenderer(options.searchPaths)
  const context = {r: report, zone: options.zone, locale: 'en'}
  let markdown = renderer.plain.render('reports/after-action.en.md.njk', context)
  if (report.exercise) markdown = `**${EXERCISE_MARK}**\n\n${markdown.trim()}\n\n**${EXERCISE_MARK}**\n`
  if (options.format === 'md') return markdown
  const title = `${report.exercise ? `${EXERCISE_MARK}: ` : ''}After-action report: ${report.title}`
  return renderer.html.render('layouts/page.html.njk', {title, body: renderer.markdown.render(markdown), lang: 'en', org: {name: options.orgName}})
}
