/**
 * The predicates reports, sweeps and the graph all ask of an appeal, written once in TypeScript and
 * once as the SQL the data layers put in their queries. appeal-predicates.test.ts evaluates both on
 * the same rows in PostgreSQL, so the two forms cannot drift apart.
 */
import type { CivilDate } from '../calendar/index.ts';

/** The final states of DOMAIN.md "Appeal lifecycle": the appeal is closed in any of them. */
export const closedAppealStates = ['ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN'] as const;
export type ClosedAppealState = (typeof closedAppealStates)[number];

export function isClosedAppealState(state: string): boolean {
  return (closedAppealStates as readonly string[]).includes(state);
}

/** OVERDUE is a fact, not a state: open and its due date has passed (the due date itself is in time). */
export function isOverdueAppeal(appeal: { state: string; dueDate: CivilDate }, today: CivilDate): boolean {
  return !isClosedAppealState(appeal.state) && today > appeal.dueDate;
}

/** Closed late: closed on a civil day after its due date. */
export function isClosedLate(appeal: { closedOn: CivilDate | null; dueDate: CivilDate }): boolean {
  return appeal.closedOn !== null && appeal.closedOn > appeal.dueDate;
}

// The SQL forms take SQL expressions (column names, `?` placeholders) from the data layer; the
// state names are the kernel's own constants, never client input, so inlining them is safe.
const closedList = `(${closedAppealStates.map((state) => `'${state}'`).join(', ')})`;

/** SQL: the appeal in `state` is closed. */
export function closedAppealSql(state: string): string {
  return `${state} in ${closedList}`;
}

/** SQL: the appeal in `state` is open. */
export function openAppealSql(state: string): string {
  return `${state} not in ${closedList}`;
}

/** SQL form of `isOverdueAppeal`; `today` is an SQL date expression (typically `?::date`). */
export function overdueAppealSql(columns: { state: string; dueDate: string; today: string }): string {
  return `(${openAppealSql(columns.state)} and ${columns.dueDate} < ${columns.today})`;
}

/** SQL form of `not isOverdueAppeal`, written so an index on the due date still serves it. */
export function notOverdueAppealSql(columns: { state: string; dueDate: string; today: string }): string {
  return `(${closedAppealSql(columns.state)} or ${columns.dueDate} >= ${columns.today})`;
}

/** SQL form of `isClosedLate`; `closedOn` is an SQL expression of the civil day of closing (null while open). */
export function closedLateSql(columns: { closedOn: string; dueDate: string }): string {
  return `(${columns.closedOn} is not null and ${columns.closedOn} > ${columns.dueDate})`;
}
