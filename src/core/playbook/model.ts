// The playbook vocabulary, free of the validation library so the read path of every command stays light.

/**
 * The walk's phases, in order: the life cycle of SP 800-61 Rev. 2, kept as the structure responders know. Rev. 3
 * (April 2025) superseded Rev. 2 and organises response by the CSF 2.0 functions, which every step carries
 * (`csf_function`).
 */
export const PHASES = ['preparation', 'detection-analysis', 'containment-eradication-recovery', 'post-incident'] as const
export const PHASE_TITLES: Record<Phase, string> = {
  preparation: 'Preparation',
  'detection-analysis': 'Detection & Analysis',
  'containment-eradication-recovery': 'Containment, Eradication & Recovery',
  'post-incident': 'Post-Incident Activity',
}

export const ROLES = ['incident-commander', 'security-lead', 'legal', 'privacy', 'communications', 'it-ops', 'executive'] as const
export const ROLE_TITLES: Record<Role, string> = {
  'incident-commander': 'Incident commander',
  'security-lead': 'Security lead',
  legal: 'Legal',
  privacy: 'Privacy / DPO',
  communications: 'Communications',
  'it-ops': 'IT operations',
  executive: 'Executive sponsor',
}

/** NIST CSF 2.0 functions (SP 800-61 Rev. 3 organises response by them). */
export const CSF_FUNCTIONS = ['govern', 'identify', 'protect', 'detect', 'respond', 'recover'] as const

export type Phase = (typeof PHASES)[number]
export type Role = (typeof ROLES)[number]
