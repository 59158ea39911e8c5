import { badUserInput, conflict } from '@bakylau/platform/errors';
import type { ControlState, ExecutorState, ReportKind, ReportState } from './instruction-vocabulary.ts';

// The control state machine of an instruction (R9.1). Each executor moves on its own:
//   ON_CONTROL | RETURNED --submit--> REPORT_SUBMITTED --accept INTERIM--> ON_CONTROL
//                                                      --accept FINAL----> FINAL_ACCEPTED
//                                                      --return----------> RETURNED
// The instruction's state follows its executors until a controller removes it from control
// (EXECUTED), which needs every executor FINAL_ACCEPTED. EXECUTED is terminal.

/** The executor's state after it submits a report, or a CONFLICT when it may not report now. */
export function submitReport(instruction: ControlState, executor: ExecutorState): ExecutorState {
  if (instruction === 'EXECUTED') throw conflict('The instruction has been removed from control');
  if (executor === 'FINAL_ACCEPTED') throw conflict('The final report of this executor has already been accepted');
  if (executor === 'REPORT_SUBMITTED') throw conflict('A report of this executor is awaiting review');
  return 'REPORT_SUBMITTED';
}

export type ReviewDecision = 'ACCEPT' | 'RETURN';

/** The executor's state after the controller reviews its submitted report. */
export function reviewReport(
  instruction: ControlState,
  executor: ExecutorState,
  report: { state: ReportState; kind: ReportKind },
  decision: ReviewDecision,
): ExecutorState {
  if (instruction === 'EXECUTED') throw conflict('The instruction has been removed from control');
  if (report.state !== 'SUBMITTED') throw conflict(`The report has already been ${report.state.toLowerCase()}`);
  if (executor !== 'REPORT_SUBMITTED') throw conflict('The executor has no report awaiting review');
  if (decision === 'RETURN') return 'RETURNED';
  return report.kind === 'FINAL' ? 'FINAL_ACCEPTED' : 'ON_CONTROL';
}

/** The report's state after the review. */
export function reviewedReportState(decision: ReviewDecision): ReportState {
  return decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED';
}

/** The instruction's state as its executors stand: a pending report shows first, then a return. */
export function controlStateOf(current: ControlState, executors: readonly ExecutorState[]): ControlState {
  if (current === 'EXECUTED') return 'EXECUTED';
  if (executors.includes('REPORT_SUBMITTED')) return 'REPORT_SUBMITTED';
  if (executors.includes('RETURNED')) return 'RETURNED';
  return 'ON_CONTROL';
}

/** Removal from control: only an open instruction whose every executor's final report was accepted. */
export function removeFromControl(instruction: ControlState, executors: readonly ExecutorState[]): ControlState {
  if (instruction === 'EXECUTED') throw conflict('The instruction has already been removed from control');
  if (executors.length === 0 || executors.some((state) => state !== 'FINAL_ACCEPTED')) {
    throw conflict('Every executor must have an accepted final report before removal from control');
  }
  return 'EXECUTED';
}

/** Extension of an executor's due date: open instruction, executor still working, a later date. */
export function assertExtendable(instruction: ControlState, executor: ExecutorState, previousDueDate: string, newDueDate: string): void {
  if (instruction === 'EXECUTED') throw conflict('The instruction has been removed from control');
  if (executor === 'FINAL_ACCEPTED') throw conflict('The final report of this executor has already been accepted');
  if (newDueDate <= previousDueDate) {
    throw badUserInput('The new due date must be after the current one', [{ field: 'newDueDate', message: `must be after ${previousDueDate}` }]);
  }
}

/** Overdue is a fact, not a state: open, still working, and the due date has passed. */
export function isExecutorOverdue(instruction: ControlState, executor: { state: ExecutorState; dueDate: string }, today: string): boolean {
  return instruction !== 'EXECUTED' && executor.state !== 'FINAL_ACCEPTED' && executor.dueDate < today;
}
