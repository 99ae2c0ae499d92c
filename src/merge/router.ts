import type {Condition, Facts} from '../core/conditions/condition.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import {withinJurisdiction} from '../core/facts/regions.js'
import {routeFor, type Route} from '../core/notices/routing.js'
import type {Recipient} from './recipients.js'

/** Where a recipient's notice comes from, or why they get none. */
export type Routing = {template: string; language: string; forced: boolean} | {reject: string}

/** One jurisdiction's part of a run, for the dry run and the summary. */
export interface JurisdictionSummary {
  rows: number
  notices: number
  template: string
  languages: Record<string, number>
  fallbacks: number
  forced: number
  /** Whether the law of that jurisdiction requires telling individuals, on the facts so far. */
  applies: 'yes' | 'maybe' | 'no'
}

/** Jurisdiction and language pairs whose routing is kept (a real file has a few hundred at most). */
const MAX_CACHED = 10_000

/**
 * Sends each recipient the notice their jurisdiction's law calls for, in their language (else the law's, else the
 * organisation's). With a template forced (--template), readers it does not serve are rejected with the reason,
 * unless sending it anyway is asked for (--force-template), which is counted.
 */
export class Router {
  private readonly cache = new Map<string, Routing>()
  /**
   * The categories the routes' conditions ask about (health, health_insurance, genetic for HIPAA's): a row's
   * categories count for its routing only through these, so the routings kept stay few (a key per combination of
   * the row's categories filled the cache, 3-6 MB at a million rows). Undefined when a condition reads the list
   * some other way: then the whole list is the key.
   */
  private readonly asked: ReadonlySet<string> | undefined

  constructor(
    private readonly routes: readonly Route[],
    private readonly facts: Facts,
    private readonly defaultLanguage: string,
    private readonly forced?: {template: string; anyway: boolean},
  ) {
    this.asked = categoriesAsked(routes)
  }

  /**
   * A row's own data categories stand for the incident's when it has them: a HIPAA covered entity's customer whose
   * record held no health data is not told of "a breach of your health information".
   */
  route(recipient: Pick<Recipient, 'jurisdiction' | 'language'> & {categories?: Recipient['categories']}): Routing {
    const categories = recipient.categories
    const asked = this.asked
    const which = !categories ? '' : asked ? `+${categories.filter((c) => asked.has(c)).join(',')}` : `+${categories.join(',')}`
    const key = `${recipient.jurisdiction}|${recipient.language}|${which}`
    let routing = this.cache.get(key)
    if (!routing) {
      routing = this.decide(recipient)
      // Bounded: the language column is free text, and a file of endless distinct values must not grow memory.
      if (this.cache.size < MAX_CACHED) this.cache.set(key, routing)
    }
    return routing
  }

  /** Routings kept for reuse. */
  get cached(): number {
    return this.cache.size
  }

  private decide({jurisdiction, language, categories}: Pick<Recipient, 'jurisdiction' | 'language'> & {categories?: Recipient['categories']}): Routing {
    const facts = categories ? {...this.facts, data_categories: [...categories]} : this.facts
    const route = jurisdiction === 'unknown' ? undefined : routeFor(this.routes, jurisdiction, facts)
    if (this.forced) {
      const {template, anyway} = this.forced
      if (route?.template === template) return {template, language: language || route.language || this.defaultLanguage, forced: false}
      if (anyway) return {template, language: language || this.defaultLanguage, forced: true}
      const why = route ? `readers in ${jurisdiction} get ${route.template}` : `no notice is routed for readers in ${jurisdiction}`
      return {reject: `${template} is not the notice for this reader (${why}); send it anyway with --force-template`}
    }
    if (jurisdiction === 'unknown') return {reject: 'no country: which notice a reader gets depends on where they live (add a country column)'}
    if (!route) return {reject: `no notice for readers in ${jurisdiction}: add a route in runbook.yaml (notices.routes) naming the notice their law calls for`}
    return {template: route.template, language: language || route.language || this.defaultLanguage, forced: false}
  }
}

/** Whether the law of a jurisdiction requires telling individuals: the strongest answer among its obligations. */
export function individualsApply(jurisdiction: string, obligations: readonly ObligationResult[]): 'yes' | 'maybe' | 'no' {
  let answer: 'yes' | 'maybe' | 'no' = 'no'
  for (const o of obligations) {
    if (!o.notify.includes('individuals') || !withinJurisdiction(jurisdiction, o.regulation.jurisdiction)) continue
    if (o.applies === 'yes') return 'yes'
    if (o.applies === 'maybe') answer = 'maybe'
  }
  return answer
}

/** The data categories the routes' conditions test by includes / includes_any; undefined if any reads them otherwise. */
function categoriesAsked(routes: readonly Route[]): ReadonlySet<string> | undefined {
  const asked = new Set<string>()
  const walk = (condition: Condition): boolean => {
    if ('all' in condition) return condition.all.every(walk)
    if ('any' in condition) return condition.any.every(walk)
    if ('not' in condition) return walk(condition.not)
    if (!('fact' in condition) || condition.fact !== 'data_categories') return true
    const values = 'includes' in condition ? [condition.includes] : 'includes_any' in condition ? condition.includes_any : undefined
    for (const value of values ?? []) asked.add(value)
    return values !== undefined
  }
  return routes.every((route) => !route.when || walk(route.when)) ? asked : undefined
}
