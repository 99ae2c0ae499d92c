import {z} from 'zod'
import {playbookSchema} from '../playbook/schema.js'
import {addedInjectSchema, PARTICIPANT_ROLES, RATING_CODES, scenarioSchema} from '../drills/schema.js'
import {ROLES} from '../playbook/model.js'
import {UserError} from '../errors.js'

const factValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])

/**
 * Every event type and its payload: the single source of truth for what the log may hold. Drafts are checked
 * against it before they are written; later features add entries here (and their names in events.ts).
 */
export const PAYLOADS = {
  'incident.opened': z.object({
    id: z.string(),
    title: z.string(),
    timezone: z.string(),
    // The playbook as it was when the incident opened: the walk never changes under the responders' feet.
    playbook: playbookSchema,
    playbookSha256: z.string(),
    drill: z.boolean().optional(),
  }),
  'incident.closed': z.object({reason: z.string().optional()}),
  'incident.reopened': z.object({reason: z.string().optional()}),
  'step.started': z.object({step: z.string(), note: z.string().optional()}),
  'step.completed': z.object({step: z.string(), note: z.string().optional()}),
  'step.skipped': z.object({step: z.string(), reason: z.string().min(1)}),
  'step.blocked': z.object({step: z.string(), reason: z.string().min(1)}),
  'note.added': z.object({text: z.string().min(1), step: z.string().optional()}),
  'fact.set': z.object({
    key: z.string(),
    value: factValue,
    // Why an answer that removes obligations was given, or an unusual instant was accepted (asked, or --reason).
    reason: z.string().min(1).optional(),
    // The value this one replaces, with the event that recorded it: a changed answer says what it corrects.
    corrects: z.object({seq: z.number().int().positive(), value: factValue}).optional(),
  }),
  'obligation.met': z.object({
    obligation: z.string(),
    ref: z.string().optional(),
    delayReason: z.string().optional(),
  }),
  // A document produced from the incident: which template, how, and the SHA-256 of the bytes; never its text.
  'notice.rendered': z.object({
    template: z.string(),
    file: z.string(),
    locale: z.string(),
    format: z.string(),
    short: z.boolean(),
    sha256: z.string(),
    bytes: z.number().int(),
    out: z.string().optional(),
    lint: z.object({errors: z.number().int(), warnings: z.number().int()}),
  }),
  // A mail merge: counts and hashes only. Never a name, an address or an email (privacy by design).
  'notify.completed': z.object({
    // The template forced with --template, or "routed" when each reader got the notice their jurisdiction calls for.
    template: z.string(),
    format: z.string(),
    recipientsSha256: z.string(),
    counts: z.object({
      rows: z.number().int(),
      notices: z.number().int(),
      rejects: z.number().int(),
      duplicates: z.number().int(),
      fallbackToEnglish: z.number().int(),
      byChannel: z.record(z.string(), z.number().int()),
      byLanguage: z.record(z.string(), z.number().int()),
      byJurisdiction: z.record(z.string(), z.number().int()),
      forced: z.number().int().optional(),
      jurisdictions: z
        .record(
          z.string(),
          z.object({
            rows: z.number().int(),
            notices: z.number().int(),
            template: z.string(),
            languages: z.record(z.string(), z.number().int()),
            fallbacks: z.number().int(),
            forced: z.number().int(),
            applies: z.enum(['yes', 'maybe', 'no']),
          }),
        )
        .optional(),
      rejectReasons: z.record(z.string(), z.number().int()).optional(),
      letterBatches: z.number().int(),
      lastLine: z.number().int(),
    }),
    outputs: z.array(z.object({file: z.string(), sha256: z.string(), bytes: z.number().int()})),
    resumed: z.boolean(),
    // The template files the notices were rendered from, with the SHA-256 of their bytes (what an approval covers).
    templates: z.array(z.object({file: z.string(), sha256: z.string()})).optional(),
  }),
  // Drills: the scenario as it was, the simulated clock, injects delivered, decisions taken, the end.
  'drill.started': z.object({scenario: scenarioSchema, simStart: z.string(), speed: z.number().positive(), manual: z.boolean()}),
  'drill.advanced': z.object({byMs: z.number().int().positive(), by: z.string()}),
  // fired: the facilitator sent it before (or instead of waiting for) its time.
  'drill.inject': z.object({inject: z.string(), fired: z.boolean().optional()}),
  'drill.decision': z.object({inject: z.string(), decision: z.string().min(1)}),
  'drill.ended': z.object({}),
  // Repair of a forked log: the branch moved aside (its bytes kept in a side file), then each of its events again.
  'record.repaired': z.object({
    sideFile: z.string(),
    sideFileSha256: z.string(),
    fromLine: z.number().int().positive(),
    moved: z.number().int(),
    reason: z.string(),
  }),
  'record.recovered': z.object({original: z.lazy(() => storedEventSchema)}),
  // The facilitator's controls: the clock stops and runs again, an inject waits longer, one is added from the floor.
  'drill.paused': z.object({}),
  'drill.resumed': z.object({}),
  'drill.deferred': z.object({inject: z.string(), byMs: z.number().int().positive(), by: z.string()}),
  'drill.added': z.object({inject: addedInjectSchema}),
  // Evaluation: a rating per objective (1-based, in the scenario's order), hotwash notes, who took part as what.
  'drill.rated': z.object({objective: z.number().int().positive(), rating: z.enum(RATING_CODES), note: z.string().optional()}),
  'drill.debrief': z.object({text: z.string().min(1)}),
  'drill.participant': z.object({name: z.string().min(1), role: z.enum(PARTICIPANT_ROLES)}),
  // A sign-off: who approved which file (a template or a rendered notice), in what role, by the SHA-256 of its bytes.
  'notice.approved': z.object({
    file: z.string().min(1),
    // The template's name under templates/ (customer/us.en.md.njk), when the file is a template.
    template: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    approver: z.string().min(1),
    role: z.string().optional(),
  }),
  // Which version of each regulation file the deadlines were computed with, so a later edit is visible.
  'regulations.evaluated': z.object({
    versions: z.record(z.string(), z.object({sha256: z.string(), lastReviewed: z.string(), file: z.string()})),
  }),
  // The evidence register: what was collected, its SHA-256 and size, from where, and who holds it; never its content.
  // The item's id is EV-<seq of this event>, so two responders registering at once can never get the same id.
  'evidence.added': z.object({
    name: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    custodian: z.string().min(1),
    description: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
  }),
  // Chain of custody: the item passes from one custodian to the next.
  'evidence.transferred': z.object({item: z.string().regex(/^EV-\d+$/), from: z.string().min(1), to: z.string().min(1), reason: z.string().min(1).optional()}),
  // Who holds a role in this incident from now on (`runbook assign`); `previous` names whom it was handed over from.
  'role.assigned': z.object({
    role: z.enum(ROLES),
    name: z.string().min(1),
    email: z.string().optional(),
    phone: z.string().optional(),
    previous: z.string().optional(),
  }),
  // Nobody holds the role from now on (`runbook unassign`): whoever held it is off the incident, with the reason.
  'role.released': z.object({role: z.enum(ROLES), previous: z.string().min(1), reason: z.string().min(1).optional()}),
} as const

/** An event as stored, one JSON object per line of events.jsonl. */
export const storedEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.string(),
  recordedAt: z.string(),
  occurredAt: z.string().optional(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  /** Set when this machine's clock read earlier than the event before: by how many milliseconds (see verify). */
  clockSkewMs: z.number().int().positive().optional(),
  /** Made by the writer before it sends the event, so a retried append is recognised and never recorded twice. */
  id: z.string().optional(),
  /** On PostgreSQL: the database's session_user that wrote it, beside the actor the person claimed. */
  dbUser: z.string().optional(),
})

/** Refuses to write a draft whose payload does not match its type (a programming error, reported plainly). */
export function checkDraft(draft: {type: string; payload: unknown}): void {
  const schema = PAYLOADS[draft.type as keyof typeof PAYLOADS]
  if (!schema) throw new UserError(`cannot record an event of unknown type "${draft.type}"`, {exitCode: 1})
  const result = schema.safeParse(draft.payload)
  if (!result.success) throw new UserError(`cannot record ${draft.type}: ${z.prettifyError(result.error)}`, {exitCode: 1})
}
