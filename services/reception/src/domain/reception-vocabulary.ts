/** The closed vocabularies of personal reception (DOMAIN.md, "Personal reception"), as in the schema's enums. */

export const officialPositions = [
  'AKIM',
  'DEPUTY_AKIM',
  'HEAD_OF_APPARATUS',
  'DEPUTY_HEAD_OF_APPARATUS',
  'UNIT_HEAD',
  'DISTRICT_AKIM',
  'DEPUTY_DISTRICT_AKIM',
  'OTHER',
] as const;
export type OfficialPosition = (typeof officialPositions)[number];

export const receptionFormats = ['IN_PERSON', 'OFF_SITE', 'VIDEOCONFERENCE'] as const;
export type ReceptionFormat = (typeof receptionFormats)[number];

export const sessionStates = ['SCHEDULED', 'HELD', 'CANCELLED'] as const;
export type SessionState = (typeof sessionStates)[number];

export const participantRoles = ['SUPERVISING_DEPUTY', 'DEPUTY_UNIT_HEAD', 'OTHER'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export const appointmentStates = ['BOOKED', 'CANCELLED', 'ATTENDED', 'NO_SHOW'] as const;
export type AppointmentState = (typeof appointmentStates)[number];

export const visitOutcomes = ['ANSWERED_ON_THE_SPOT', 'APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN', 'REFERRED'] as const;
export type VisitOutcome = (typeof visitOutcomes)[number];

export const waitingListStates = ['WAITING', 'PROMOTED', 'WITHDRAWN'] as const;
export type WaitingListState = (typeof waitingListStates)[number];
