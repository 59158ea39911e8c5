import type { FieldProblem } from '@bakylau/platform/errors';
import type { ReceptionFormat } from './reception-vocabulary.ts';

export const sessionLimits = { minCapacity: 1, maxCapacity: 100, minSlotMinutes: 5, maxSlotMinutes: 120 } as const;

export type SessionDraft = {
  startsAt: Date;
  format: ReceptionFormat;
  place?: string | null;
  locality?: string | null;
  videoLink?: string | null;
  remoteParty?: string | null;
  capacity: number;
  slotMinutes: number;
};

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/**
 * What a publishable session needs (R6.3): a future start, a bounded number of slots of a
 * sensible length, and the details its format requires — a place in person, a locality
 * off-site, an https link by videoconference.
 */
export function sessionDraftProblems(draft: SessionDraft, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (Number.isNaN(draft.startsAt.getTime())) problems.push({ field: 'startsAt', message: 'is not a valid instant' });
  else if (draft.startsAt.getTime() <= now.getTime()) problems.push({ field: 'startsAt', message: 'must be in the future' });
  if (!Number.isInteger(draft.capacity) || draft.capacity < sessionLimits.minCapacity || draft.capacity > sessionLimits.maxCapacity) {
    problems.push({ field: 'capacity', message: `must be an integer from ${sessionLimits.minCapacity} to ${sessionLimits.maxCapacity}` });
  }
  if (!Number.isInteger(draft.slotMinutes) || draft.slotMinutes < sessionLimits.minSlotMinutes || draft.slotMinutes > sessionLimits.maxSlotMinutes) {
    problems.push({ field: 'slotMinutes', message: `must be an integer from ${sessionLimits.minSlotMinutes} to ${sessionLimits.maxSlotMinutes}` });
  }
  if (draft.format === 'IN_PERSON' && blank(draft.place)) problems.push({ field: 'place', message: 'is required for an in-person session' });
  if (draft.format === 'OFF_SITE' && blank(draft.locality)) problems.push({ field: 'locality', message: 'is required for an off-site session' });
  if (draft.format === 'VIDEOCONFERENCE') {
    if (blank(draft.videoLink)) problems.push({ field: 'videoLink', message: 'is required for a videoconference' });
    else if (!isHttpsUrl(draft.videoLink ?? '')) problems.push({ field: 'videoLink', message: 'must be an https URL' });
  } else if (!blank(draft.videoLink) || !blank(draft.remoteParty)) {
    problems.push({ field: draft.videoLink ? 'videoLink' : 'remoteParty', message: 'only a videoconference has a link and a remote party' });
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
