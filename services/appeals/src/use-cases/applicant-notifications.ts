import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { openSealedText, type SealingKeyring } from '@bakylau/platform/events/sealed-text';
import { isUuid } from '@bakylau/platform/ids';
import type { Principal } from '@bakylau/platform/auth/principal';
import type { Notification } from '@bakylau/platform/notifications/notification';
import type { Notifier } from '@bakylau/platform/notifications/notification-dispatcher';
import { localizedName } from '../domain/appeal-labels.ts';
import { appealNotice, type AppealNoticeFacts, type AppealNoticeKind, type ApplicantLanguage } from '../domain/applicant-notices.ts';
import { Appeal, Organization } from '../db/entities.ts';
import { canSeeApplicantData } from './appeal-access.ts';
import type { AppealsEventData, AppealsEventType, RetiredAppealsEventData, RetiredAppealsEventType } from '../events/appeals-events.ts';

/** The appeal events the applicant is told of, and the notice each one gives. */
const noticeKinds: Partial<Record<AppealsEventType | RetiredAppealsEventType, AppealNoticeKind>> = {
  'kz.bakylau.appeal.registered.v1': 'APPEAL_REGISTERED',
  'kz.bakylau.appeal.assigned.v1': 'APPEAL_ROUTED',
  'kz.bakylau.appeal.forwarded.v1': 'APPEAL_FORWARDED',
  'kz.bakylau.appeal.extended.v2': 'APPEAL_EXTENDED',
  // Retired (the reason in plain), still on the topic: an extension of the last days before the switch gets its notice too.
  'kz.bakylau.appeal.extended.v1': 'APPEAL_EXTENDED',
  'kz.bakylau.appeal.answered.v1': 'APPEAL_ANSWERED',
};

/**
 * A consumer group that starts on a topic's whole history (a first deployment, a channel turned on
 * later) must not write to applicants about facts of months ago: older events are passed over.
 */
const staleAfterMs = 14 * 24 * 60 * 60_000;

/** The organization's name in the applicant's language (the Russian one when no Kazakh name is on file). */
async function organizationName(em: EntityManager, id: string, language: ApplicantLanguage): Promise<string | null> {
  const organization = isUuid(id) ? await em.findOne(Organization, { id }) : null;
  if (!organization) return null;
  return localizedName(organization, language);
}

/** The reason of an extension: opened from v2's sealed reason, or v1's plain one. */
function extensionReasonOf(event: CloudEvent, sealingKeys: SealingKeyring): string {
  if (event.type === 'kz.bakylau.appeal.extended.v1') return (event.data as RetiredAppealsEventData['kz.bakylau.appeal.extended.v1']).reason;
  return openSealedText((event.data as AppealsEventData['kz.bakylau.appeal.extended.v2']).sealedReason, sealingKeys);
}

async function factsOf(
  em: EntityManager,
  kind: AppealNoticeKind,
  appeal: Appeal,
  event: CloudEvent,
  sealingKeys: SealingKeyring,
): Promise<AppealNoticeFacts | null> {
  const registrationNumber = appeal.registrationNumber;
  const language = appeal.applicantLanguage;
  switch (kind) {
    case 'APPEAL_REGISTERED': {
      const data = event.data as AppealsEventData['kz.bakylau.appeal.registered.v1'];
      return { kind, registrationNumber, registeredOn: civilDateInKazakhstan(new Date(data.registeredAt)), dueDate: data.dueDate };
    }
    case 'APPEAL_ROUTED': {
      const data = event.data as AppealsEventData['kz.bakylau.appeal.assigned.v1'];
      const executor = await organizationName(em, data.organizationId, language);
      const lead = data.executors.find((e) => e.lead);
      return executor ? { kind, registrationNumber, executor, dueDate: lead?.dueDate ?? appeal.dueDate } : null;
    }
    case 'APPEAL_FORWARDED': {
      const data = event.data as AppealsEventData['kz.bakylau.appeal.forwarded.v1'];
      const toBody = await organizationName(em, data.toOrganizationId, language);
      return toBody ? { kind, registrationNumber, toBody } : null;
    }
    case 'APPEAL_EXTENDED': {
      const data = event.data as AppealsEventData['kz.bakylau.appeal.extended.v2'];
      return { kind, registrationNumber, newDueDate: data.newDueDate, reason: extensionReasonOf(event, sealingKeys) };
    }
    case 'APPEAL_ANSWERED': {
      const data = event.data as AppealsEventData['kz.bakylau.appeal.answered.v1'];
      return { kind, registrationNumber, answeredOn: civilDateInKazakhstan(new Date(data.answeredAt)), outcome: data.outcome };
    }
  }
}

/**
 * Turns one of this service's own appeal events into notices to the applicant, by e-mail when the
 * appeal has an address and by SMS when it has a phone, in the language they chose. Runs in the
 * inbox transaction, so each event queues its notices once; the dispatcher sends them later.
 * Returns how many notices were queued.
 */
export async function queueApplicantNotices(
  em: EntityManager,
  event: CloudEvent,
  { notifier, sealingKeys }: { notifier: Notifier; sealingKeys: SealingKeyring },
  now: Date,
): Promise<number> {
  const kind = noticeKinds[event.type as AppealsEventType];
  if (!kind || notifier.channels.length === 0) return 0;
  if (now.getTime() - new Date(event.time).getTime() > staleAfterMs) return 0;
  if (!isUuid(event.subject)) return 0;
  const appeal = await em.findOne(Appeal, { id: event.subject });
  if (!appeal || (!appeal.applicantEmail && !appeal.applicantPhone)) return 0;
  const facts = await factsOf(em, kind, appeal, event, sealingKeys);
  if (!facts) return 0;
  const text = appealNotice(facts, appeal.applicantLanguage);
  return notifier.queue(
    em,
    {
      sourceEventId: event.id,
      kind,
      appealId: appeal.id,
      language: appeal.applicantLanguage,
      subject: text.subject,
      emailBody: text.body,
      smsText: text.sms,
      email: appeal.applicantEmail ?? null,
      phone: appeal.applicantPhone ?? null,
    },
    now,
  );
}

/** A notice as the graph shows it: the address or phone only to callers who may see the applicant's details. */
export type ApplicantNotificationView = Omit<Notification, 'recipient' | 'nextAttemptAt'> & { recipient: string | null; nextAttemptAt: Date | null };

export function applicantNotificationView(row: Notification, principal: Principal | null, appeal: Appeal): ApplicantNotificationView {
  return {
    ...row,
    recipient: canSeeApplicantData(principal, appeal) ? row.recipient : null,
    // Only a pending notice has a next attempt; for the others the column keeps the last lease.
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null,
  };
}
