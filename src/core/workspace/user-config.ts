import {z} from 'zod'

/** A name as it goes into the record: one line of printable text. */
export const actorNameSchema = z
  .string()
  .trim()
  .min(1, 'expected your name as colleagues read it, e.g. "Anna Weber"')
  .max(120, 'expected a name of at most 120 characters')
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), 'a name is one line of text, without control characters')

/**
 * The user's own settings (~/.config/runbook/config.yaml, or under XDG_CONFIG_HOME): who they are, on every
 * workspace they use. The team's settings live in each workspace's runbook.yaml.
 */
export const userConfigSchema = z.strictObject({
  actor: actorNameSchema.optional().describe('who you are recorded as in every incident (`runbook whoami --set "Anna Weber"`)'),
})

export type UserConfig = z.infer<typeof userConfigSchema>

/** The header of a user config file runbook writes. */
export const USER_CONFIG_HEADER = `# runbook: your own settings, for every workspace (the team's are in each workspace's runbook.yaml).
# Written by \`runbook whoami --set NAME\`; safe to edit by hand.
`

/** The file as read: an empty file (or one with only comments) is an empty configuration. */
export const userConfigFileSchema = z.preprocess((value) => value ?? {}, userConfigSchema)
