import type { FieldProblem } from '@bakylau/platform/errors';
import { phoneProblem } from '@bakylau/platform/identity/contact';
import type { AppointmentState } from './reception-vocabulary.ts';

export type CitizenDetails = { topic: string; citizenName: string; citizenPhone: string };

/** A booking or waiting-list entry needs a topic, a name and a reachable phone. */
export function citizenDetailsProblems(details: CitizenDetails): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const topic = details.topic.trim();
  if (topic === '') problems.push({ field: 'topic', message: 'is required' });
  else if (topic.length > 2000) problems.push({ field: 'topic', message: 'must be at most 2000 characters' });
  const name = details.citizenName.trim();
  if (name === '') problems.push({ field: 'citizenName', message: 'is required' });
  else if (name.length > 300) problems.push({ field: 'citizenName', message: 'must be at most 300 characters' });
  // Booking notices go out by SMS through a Kazakhstan gateway: +7 numbers only.
  const phone = phoneProblem(details.citizenPhone, { kazakhstanOnly: true });
  if (phone) problems.push({ field: 'citizenPhone', message: phone });
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
