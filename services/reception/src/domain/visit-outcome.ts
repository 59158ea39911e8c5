import { isCivilDate } from '@bakylau/platform/calendar/index';
import type { FieldProblem } from '@bakylau/platform/errors';
import { visitOutcomes, type AppointmentState, type VisitOutcome } from './reception-vocabulary.ts';
import { isUuid } from '@bakylau/platform/ids';

export type VisitInstructionDraft = { text: string; executorOrganizationId: string; dueDate: string };

export type VisitRecordDraft = {
  outcomes: readonly string[];
  appeal?: { summary: string; categoryId?: string | null; districtId?: string | null } | null;
  instructions?: readonly VisitInstructionDraft[] | null;
  referredTo?: string | null;
};

export const maxInstructionsPerVisit = 20;

/**
 * A visit's record must be coherent: at least one outcome, each once; the details an outcome
 * needs (the appeal's substance, the instructions with executor and due date, where the citizen
 * was referred) are present — and no details for outcomes not chosen, so nothing is half-recorded.
 */
export function visitRecordProblems(draft: VisitRecordDraft, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const outcomes = new Set(draft.outcomes);
  if (draft.outcomes.length === 0) problems.push({ field: 'outcomes', message: 'at least one outcome is required' });
  if (outcomes.size !== draft.outcomes.length) problems.push({ field: 'outcomes', message: 'each outcome may appear once' });
  for (const outcome of outcomes) {
    if (!(visitOutcomes as readonly string[]).includes(outcome)) problems.push({ field: 'outcomes', message: `unknown outcome ${outcome}` });
  }

  if (outcomes.has('APPEAL_TO_REGISTER')) {
    const summary = draft.appeal?.summary.trim() ?? '';
    if (summary === '') problems.push({ field: 'appeal.summary', message: 'is required to register an appeal' });
    else if (summary.length > 10_000) problems.push({ field: 'appeal.summary', message: 'must be at most 10000 characters' });
    for (const key of ['categoryId', 'districtId'] as const) {
      const value = draft.appeal?.[key];
      if (value && !isUuid(value)) problems.push({ field: `appeal.${key}`, message: 'is not a valid id' });
    }
  } else if (draft.appeal) {
    problems.push({ field: 'appeal', message: 'is only given with the outcome APPEAL_TO_REGISTER' });
  }

  const instructions = draft.instructions ?? [];
  if (outcomes.has('INSTRUCTIONS_GIVEN')) {
    if (instructions.length === 0) problems.push({ field: 'instructions', message: 'at least one instruction is required' });
    if (instructions.length > maxInstructionsPerVisit) problems.push({ field: 'instructions', message: `at most ${maxInstructionsPerVisit} instructions` });
    instructions.forEach((instruction, i) => {
      if (instruction.text.trim() === '') problems.push({ field: `instructions.${i}.text`, message: 'is required' });
      if (!isUuid(instruction.executorOrganizationId)) problems.push({ field: `instructions.${i}.executorOrganizationId`, message: 'is not a valid id' });
      if (!isCivilDate(instruction.dueDate)) problems.push({ field: `instructions.${i}.dueDate`, message: 'must be a date YYYY-MM-DD' });
      else if (instruction.dueDate < today) problems.push({ field: `instructions.${i}.dueDate`, message: 'must not be in the past' });
    });
  } else if (instructions.length > 0) {
    problems.push({ field: 'instructions', message: 'are only given with the outcome INSTRUCTIONS_GIVEN' });
  }

  const referredTo = draft.referredTo?.trim() ?? '';
  if (outcomes.has('REFERRED') && referredTo === '') problems.push({ field: 'referredTo', message: 'is required with the outcome REFERRED' });
  if (!outcomes.has('REFERRED') && referredTo !== '') problems.push({ field: 'referredTo', message: 'is only given with the outcome REFERRED' });
  return problems;
}

/** A visit is recorded once, for a booking the citizen came to. */
export function canRecordVisit(state: AppointmentState): boolean {
  return state === 'BOOKED';
}

/** The outcome reported as the visit's main one, in the order the regulation lists them. */
export function primaryOutcome(outcomes: readonly VisitOutcome[]): VisitOutcome {
  const found = visitOutcomes.find((outcome) => outcomes.includes(outcome));
  if (!found) throw new RangeError('a visit has at least one outcome');
  return found;
}
