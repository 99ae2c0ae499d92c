/** What lint says of a notice: one rule, one place, one fix. */
export type Severity = 'error' | 'warning'

export interface Finding {
  severity: Severity
  rule: string
  message: string
  line?: number
  suggestion?: string
  /** The required element it concerns, and the statute subsection that requires it. */
  element?: string
  source?: string
}
