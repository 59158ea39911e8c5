import type { FieldProblem } from '@bakylau/platform/errors';
import type { AppointmentState } from './reception-vocabulary.ts';

export type CitizenDetails = { topic: string; citizenName: string; citizenPhone: string };

/** Kazakhstan numbers in E.164: +7 and ten digits. */
const phonePattern = /^\+7\d{10}$/;

/** Normalizes a phone typed with spaces, dashes or brackets, or starting with 8, to +7XXXXXXXXXX. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s()-]/g, '');
  if (/^8\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  return digits;
}

/** A booking or waiting-list entry needs a topic, a name and a reachable phone. */
export function citizenDetailsProblems(details: CitizenDetails): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const topic = details.topic.trim();
  if (topic === '') problems.push({ field: 'topic', message: 'is required' });
  else if (topic.length > 2000) problems.push({ field: 'topic', message: 'must be at most 2000 characters' });
  const name = details.citizenName.trim();
  if (name === '') problems.push({ field: 'citizenName', message: 'is required' });
  else if (name.length > 300) problems.push({ field: 'citizenName', message: 'must be at most 300 characters' });
  if (!phonePattern.test(normalizePhone(details.citizenPhone))) problems.push({ field: 'citizenPhone', message: 'must be a Kazakhstan number, +7XXXXXXXXXX' });
  return problems;
}

/** A slot can be booked only while it is ahead of us: a past slot is history, not an offer. */
export function slotIsBookable(slotStartsAt: Date, now: Date): boolean {
  return slotStartsAt.getTime() > now.getTime();
}

/** Only a live booking can be cancelled or moved. */
export function canCancel(state: AppointmentState): boolean {
  return state === 'BOOKED';
}

/** The states that hold a slot; mirrors the predicate of the `appointment_slot_taken` index. */
export const slotHoldingStates: readonly AppointmentState[] = ['BOOKED', 'ATTENDED'];

/** A waiting list longer than this is no longer a queue anyone will be served from. */
export const maxWaitingList = 100;
