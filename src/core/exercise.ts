/**
 * Everything that marks a drill as a drill, in one place. Exercise traffic carries "EXERCISE EXERCISE EXERCISE"
 * at top and bottom (military and civil-defence practice, used by HSEEP exercises) so no reader can take a drill
 * notice, filing or timeline for a real one. An incident is a drill when its opening event says so (`state.drill`).
 */

export const EXERCISE_MARK = 'EXERCISE EXERCISE EXERCISE'

/** Drills live apart from real incidents (under drills/) and their ids say so. */
export const DRILL_ID_PREFIX = 'drill-'

export const isDrillId = (id: string): boolean => id.startsWith(DRILL_ID_PREFIX)

/** A title or subject line of exercise traffic. */
export const exerciseTitle = (title: string, exercise: boolean): string => (exercise ? `${EXERCISE_MARK}: ${title}` : title)

/** Markdown wrapped in the banner, top and bottom. */
export const markMarkdown = (markdown: string, exercise: boolean): string =>
  exercise ? `**${EXERCISE_MARK}**\n\n${markdown.trim()}\n\n**${EXERCISE_MARK}**\n` : markdown

/** Plain lines wrapped in the banner, top and bottom. */
export const markLines = (lines: string[], exercise: boolean): string[] => (exercise ? [EXERCISE_MARK, ...lines, EXERCISE_MARK] : lines)

/** The HTML banner; its class is styled by the page and letter stylesheets. */
export const EXERCISE_BANNER_HTML = `<p class="exercise">${EXERCISE_MARK}</p>`

/** A drill's title as the incident list and the walk show it. */
export const drillTitle = (scenarioTitle: string): string => `EXERCISE: ${scenarioTitle}`

/** A short tag for one line in a list of incidents or timeline rows. */
export const exerciseTag = (exercise: boolean): string => (exercise ? '[EXERCISE] ' : '')

/** The mail header that lets a mail system filter exercise traffic. */
export const exerciseHeaders = (exercise: boolean): Record<string, string> => (exercise ? {'X-Exercise': EXERCISE_MARK} : {})
