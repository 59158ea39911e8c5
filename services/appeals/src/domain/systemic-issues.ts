import { addCalendarDays } from '@bakylau/platform/calendar/index';

/**
 * Systemic issues (R7.1), the pure rule: appeals on one category in one district that reach
 * `threshold` within the last `windowDays` days are proposed as a systemic issue, once; a
 * controller or the department head then confirms or dismisses the proposal.
 */
export const systemicIssueStates = ['PROPOSED', 'CONFIRMED', 'DISMISSED'] as const;
export type SystemicIssueState = (typeof systemicIssueStates)[number];

export type SystemicRule = { threshold: number; windowDays: number };

/** The current window ends today (inclusive); the previous one is the same number of days just before it. */
export type DetectionWindows = { from: string; to: string; previousFrom: string; previousTo: string };

export function detectionWindows(today: string, windowDays: number): DetectionWindows {
  const from = addCalendarDays(today, -(windowDays - 1));
  return { from, to: today, previousFrom: addCalendarDays(from, -windowDays), previousTo: addCalendarDays(from, -1) };
}

/** The latest issue already raised for the same category and district, if any. */
export type LatestIssue = { state: SystemicIssueState; detectedOn: string; decidedOn: string | null } | null;

export type SystemicDecision = 'propose' | 'refresh' | 'skip';

/**
 * What to do with a cluster of `count` appeals in the current window:
 * - below the threshold: nothing;
 * - an open proposal exists: refresh its counts and evidence (no new event);
 * - it was confirmed or dismissed within the current window: leave it (no nagging every hour);
 * - otherwise: propose.
 */
export function systemicDecision(rule: SystemicRule, count: number, latest: LatestIssue, windows: DetectionWindows): SystemicDecision {
  if (count < rule.threshold) return 'skip';
  if (!latest) return 'propose';
  if (latest.state === 'PROPOSED') return 'refresh';
  const decidedOn = latest.decidedOn ?? latest.detectedOn;
  return decidedOn >= windows.from ? 'skip' : 'propose';
}

/** Relative change against the previous window (0.5 = +50 %); null when the previous window had none. */
export function trendOf(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 1000;
}

export type SystemicIssueDecision = 'CONFIRM' | 'DISMISS';

/** PROPOSED → CONFIRMED | DISMISSED; a decided issue is final (null: refused). */
export function decideSystemicIssue(state: SystemicIssueState, decision: SystemicIssueDecision): SystemicIssueState | null {
  if (state !== 'PROPOSED') return null;
  return decision === 'CONFIRM' ? 'CONFIRMED' : 'DISMISSED';
}

export function validRule(rule: SystemicRule): boolean {
  return (
    Number.isInteger(rule.threshold) &&
    rule.threshold >= 2 &&
    rule.threshold <= 10_000 &&
    Number.isInteger(rule.windowDays) &&
    rule.windowDays >= 1 &&
    rule.windowDays <= 366
  );
}
