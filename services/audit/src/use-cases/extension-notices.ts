import { civilDateInKazakhstan, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import type { EntityManager } from '@bakylau/platform/db/orm';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import {
  markExtensionsEvaluated,
  markExtensionsNoticed,
  overdueUnnoticedExtensions,
  recordExtensionFact,
  type OpenExtension,
} from '../db/extension-fact-store.ts';
import type { DetectedViolation } from '../domain/compliance-check.ts';
import { extensionNoticeDeadline, extensionWithoutNotice } from '../domain/rules/extension-without-notice.ts';
import { instantOf } from '../domain/rules/compliance-rule.ts';
import { eventTypes } from '../events/event-types.ts';
import { recordViolations } from './violation-recording.ts';

const sweepBatch = 200;

function dataOf(event: CloudEvent): Record<string, unknown> {
  return event.data !== null && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The instant an event field names, else the event's own time: a malformed field must never block the stream. */
function instantOrEventTime(value: unknown, event: CloudEvent): Date {
  for (const candidate of [text(value), event.time]) {
    if (candidate === null) continue;
    try {
      return instantOf(candidate);
    } catch {
      // try the next candidate
    }
  }
  return new Date();
}

function violationOf(open: OpenExtension, finding: NonNullable<ReturnType<typeof extensionWithoutNotice>>): DetectedViolation {
  return { rule: 'EXTENSION_WITHOUT_NOTICE', organizationId: open.organizationId, entityType: 'Appeal', entityId: open.appealId, finding };
}

/** `appeal.extended`: remember the extension and the last day its notice is in time. */
export async function rememberExtension(em: EntityManager, event: CloudEvent, calendar: WorkingCalendar): Promise<boolean> {
  const data = dataOf(event);
  const organizationId = text(data['organizationId']);
  if (!organizationId) return false;
  const extendedAt = instantOrEventTime(data['extendedAt'], event);
  let noticeDeadline: string;
  try {
    noticeDeadline = extensionNoticeDeadline(extendedAt, calendar);
  } catch {
    // A year the calendar does not know: the term cannot be counted, so it is not tracked.
    return false;
  }
  await recordExtensionFact(em, {
    extensionEventId: event.id,
    appealId: text(data['appealId']) ?? event.subject,
    organizationId,
    extendedAt,
    noticeDeadline,
  });
  return true;
}

/** The kind of delivered notification that tells the applicant of an extension (its new date and reason). */
export const extensionNoticeKind = 'APPEAL_EXTENDED';

/**
 * The appeal whose extension a delivered notification gives notice of; null for every other
 * notification (a registration or answer notice does not tell of an extension).
 */
export function noticedAppealOf(event: CloudEvent): string | null {
  if (event.type !== eventTypes.notificationDelivered) return null;
  const data = dataOf(event);
  return data['kind'] === extensionNoticeKind ? text(data['appealId']) : null;
}

/** An extension notice was delivered: close the appeal's open extensions, flagging those noticed after the term. */
export async function acceptExtensionNotice(em: EntityManager, event: CloudEvent, now: Date): Promise<number> {
  const appealId = noticedAppealOf(event);
  if (!appealId) return 0;
  const noticedAt = instantOrEventTime(dataOf(event)['deliveredAt'], event);
  const open = await markExtensionsNoticed(em, appealId, noticedAt);
  const detected: DetectedViolation[] = [];
  for (const extension of open) {
    const finding = extensionWithoutNotice({ noticeDeadline: extension.noticeDeadline, noticedAt, now });
    if (finding) detected.push(violationOf(extension, finding));
  }
  await markExtensionsEvaluated(
    em,
    open.map((extension) => extension.id),
    now,
  );
  return (await recordViolations(em, detected, event.id, now)).length;
}

/**
 * The sweep of EXTENSION_WITHOUT_NOTICE: every extension whose notice term ended before today
 * with no notice becomes a violation (stored once, published through the outbox). Returns how
 * many new violations it stored. The caller flushes (the outbox rows).
 */
export async function evaluateOverdueNotices(em: EntityManager, now: Date): Promise<number> {
  const today = civilDateInKazakhstan(now);
  let created = 0;
  for (;;) {
    const overdue = await overdueUnnoticedExtensions(em, today, sweepBatch);
    if (overdue.length === 0) break;
    await markExtensionsEvaluated(
      em,
      overdue.map((extension) => extension.id),
      now,
    );
    for (const extension of overdue) {
      const finding = extensionWithoutNotice({ noticeDeadline: extension.noticeDeadline, noticedAt: null, now });
      if (!finding) continue;
      created += (await recordViolations(em, [violationOf(extension, finding)], extension.extensionEventId, now)).length;
    }
    if (overdue.length < sweepBatch) break;
  }
  return created;
}
