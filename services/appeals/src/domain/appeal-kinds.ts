/** Kinds of appeals (АППК art. 4). */
export const appealKinds = ['APPLICATION', 'COMPLAINT', 'PROPOSAL', 'RESPONSE', 'REQUEST', 'REPORT'] as const;
export type AppealKind = (typeof appealKinds)[number];

/** Channels an appeal arrives by. */
export const appealChannels = ['POST', 'HAND_DELIVERY', 'ELECTRONIC', 'E_OTINISH', 'PERSONAL_RECEPTION', 'HOTLINE'] as const;
export type AppealChannel = (typeof appealChannels)[number];

export const applicantTypes = ['INDIVIDUAL', 'LEGAL_ENTITY', 'ANONYMOUS', 'COLLECTIVE'] as const;
export type ApplicantType = (typeof applicantTypes)[number];

export const appealOutcomes = ['SATISFIED', 'PARTLY_SATISFIED', 'EXPLAINED', 'REJECTED'] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];

export const excludedProcedures = ['ADMINISTRATIVE_OFFENCES', 'CRIMINAL_PROCEDURE', 'CIVIL_PROCEDURE'] as const;
export type ExcludedProcedure = (typeof excludedProcedures)[number];
