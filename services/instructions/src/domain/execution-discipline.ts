import { kzWorkingCalendar, type WorkingCalendar } from '@bakylau/platform/calendar/index';

/** One executor assignment as the indicators see it. */
export type DisciplineAssignment = {
  dueDate: string;
  /** Day the accepted final report was submitted; null while not executed. */
  executedOn: string | null;
  /** Reports of this assignment returned with remarks. */
  returnCount: number;
};

export type ExecutionDiscipline = {
  instructionsReceived: number;
  executedOnTime: number;
  overdue: number;
  returned: number;
  averageDelayWorkingDays: number | null;
};

/**
 * Executive-discipline indicators (R9.2) over the assignments of one organization. An assignment
 * is overdue when executed after its due date, or still open with the due date before `asOf`;
 * its delay runs in working days from the due date to the execution (or to `asOf`).
 */
export function computeExecutionDiscipline(
  assignments: readonly DisciplineAssignment[],
  asOf: string,
  calendar: WorkingCalendar = kzWorkingCalendar,
): ExecutionDiscipline {
  let executedOnTime = 0;
  let returned = 0;
  const delays: number[] = [];
  for (const a of assignments) {
    returned += a.returnCount;
    if (a.executedOn !== null && a.executedOn <= a.dueDate) executedOnTime += 1;
    const end = a.executedOn ?? asOf;
    const late = a.executedOn !== null ? a.executedOn > a.dueDate : a.dueDate < asOf;
    if (late) delays.push(calendar.workingDaysBetween(a.dueDate, end));
  }
  const averageDelayWorkingDays = delays.length ? Math.round((delays.reduce((sum, d) => sum + d, 0) / delays.length) * 100) / 100 : null;
  return { instructionsReceived: assignments.length, executedOnTime, overdue: delays.length, returned, averageDelayWorkingDays };
}
