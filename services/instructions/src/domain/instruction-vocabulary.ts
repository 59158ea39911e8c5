/** The words of the instructions domain (DOMAIN.md "Instructions"); GraphQL enums use the same values. */
export const issuerLevels = [
  'PRESIDENT',
  'STATE_COUNSELLOR',
  'PRESIDENTIAL_ADMINISTRATION_LEADERSHIP',
  'PA_APPEALS_DEPARTMENT',
  'AKIM',
  'OFFICIAL_AT_RECEPTION',
] as const;
export type IssuerLevel = (typeof issuerLevels)[number];

export const controlStates = ['ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED', 'EXECUTED'] as const;
export type ControlState = (typeof controlStates)[number];

export const executorStates = ['ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED', 'FINAL_ACCEPTED'] as const;
export type ExecutorState = (typeof executorStates)[number];

export const reportKinds = ['INTERIM', 'FINAL'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportStates = ['SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type ReportState = (typeof reportStates)[number];

export const proposalStates = ['PROPOSED', 'ACCEPTED', 'REJECTED'] as const;
export type ProposalState = (typeof proposalStates)[number];

export function isIssuerLevel(value: string): value is IssuerLevel {
  return (issuerLevels as readonly string[]).includes(value);
}

/** Levels whose instructions come to the akimat through the Presidential Administration, often on paper. */
export const presidentialLevels: ReadonlySet<IssuerLevel> = new Set<IssuerLevel>([
  'PRESIDENT',
  'STATE_COUNSELLOR',
  'PRESIDENTIAL_ADMINISTRATION_LEADERSHIP',
  'PA_APPEALS_DEPARTMENT',
]);
