import type { ClockTime } from '@bakylau/platform/civil-time';
import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { eventTypes } from '../events/event-types.ts';
import { answerAfterDueDate } from './rules/answer-after-due-date.ts';
import { answerSignedWithoutRight } from './rules/answer-signed-without-right.ts';
import { closedWithoutAnswerDocument } from './rules/closed-without-answer-document.ts';
import type { ComplianceRule, RuleFinding } from './rules/compliance-rule.ts';
import { lateForwarding } from './rules/late-forwarding.ts';
import { lateRegistration } from './rules/late-registration.ts';

/** A rule broken by one event, ready to be stored as a violation. */
export type DetectedViolation = {
  rule: ComplianceRule;
  organizationId: string;
  entityType: string;
  entityId: string;
  finding: RuleFinding;
};

/** A rule that could not be evaluated (missing fields, a year the calendar does not know). */
export type SkippedRule = { rule: ComplianceRule; reason: string };

export type ComplianceCheckResult = { detected: DetectedViolation[]; skipped: SkippedRule[] };

/** Facts from earlier events the rules of one event need. */
export type PriorFacts = { answeredEventSeen: boolean };

function field(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Applies the single-event compliance rules to one event. EXTENSION_WITHOUT_NOTICE spans events
 * and time, so it lives in the extension-notice use case instead.
 */
export function checkCompliance(event: CloudEvent, prior: PriorFacts, calendar: WorkingCalendar, workingDayEnd: ClockTime): ComplianceCheckResult {
  const result: ComplianceCheckResult = { detected: [], skipped: [] };
  const data = (event.data !== null && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
  const appealId = field(data, 'appealId') ?? event.subject;
  const organizationId = field(data, 'organizationId');

  const apply = (rule: ComplianceRule, needed: (string | null)[], evaluate: () => RuleFinding | null) => {
    if (!organizationId || needed.some((value) => value === null)) {
      result.skipped.push({ rule, reason: 'the event lacks a field the rule needs' });
      return;
    }
    try {
      const finding = evaluate();
      if (finding) result.detected.push({ rule, organizationId, entityType: 'Appeal', entityId: appealId, finding });
    } catch (error) {
      // A year missing from the calendar or a malformed date: report, never block the stream.
      result.skipped.push({ rule, reason: error instanceof Error ? error.message : String(error) });
    }
  };

  switch (event.type) {
    case eventTypes.appealRegistered: {
      const receivedAt = field(data, 'receivedAt');
      const registeredAt = field(data, 'registeredAt');
      apply('LATE_REGISTRATION', [receivedAt, registeredAt], () =>
        lateRegistration({ receivedAt: receivedAt ?? '', registeredAt: registeredAt ?? '' }, calendar, workingDayEnd),
      );
      break;
    }
    case eventTypes.appealForwarded: {
      const receivedAt = field(data, 'receivedAt');
      const forwardedAt = field(data, 'forwardedAt');
      apply('LATE_FORWARDING', [receivedAt, forwardedAt], () => lateForwarding({ receivedAt: receivedAt ?? '', forwardedAt: forwardedAt ?? '' }, calendar));
      break;
    }
    case eventTypes.appealAnswered: {
      const answeredAt = field(data, 'answeredAt') ?? event.time;
      const dueDate = field(data, 'dueDate');
      apply('ANSWER_AFTER_DUE_DATE', [dueDate], () => answerAfterDueDate({ answeredAt, dueDate: dueDate ?? '' }));
      apply('CLOSED_WITHOUT_ANSWER_DOCUMENT', [], () =>
        closedWithoutAnswerDocument({ kind: 'answered', answerDocumentId: field(data, 'answerDocumentId'), answeredAt }),
      );
      const roleOf = (value: unknown) => (value !== null && typeof value === 'object' ? field(value as Record<string, unknown>, 'role') : null);
      const signedByRole = roleOf(data['signedBy']);
      const onBehalfOfRole = roleOf(data['signedOnBehalfOf']);
      apply('ANSWER_SIGNED_WITHOUT_RIGHT', [], () => answerSignedWithoutRight({ signedByRole, onBehalfOfRole, answeredAt }));
      break;
    }
    case eventTypes.appealClosed: {
      const finalState = field(data, 'finalState');
      apply('CLOSED_WITHOUT_ANSWER_DOCUMENT', [finalState], () =>
        closedWithoutAnswerDocument({
          kind: 'closed',
          finalState: finalState ?? '',
          answeredEventSeen: prior.answeredEventSeen,
          closedAt: field(data, 'closedAt') ?? event.time,
        }),
      );
      break;
    }
  }
  return result;
}
