/** The event types audit reacts to beyond recording them (the contracts of the shared brief). */
export const eventTypes = {
  organizationUpserted: 'kz.bakylau.organization.upserted.v1',
  appealRegistered: 'kz.bakylau.appeal.registered.v1',
  appealForwarded: 'kz.bakylau.appeal.forwarded.v1',
  appealExtended: 'kz.bakylau.appeal.extended.v2',
  /** Retired (the reason in plain), still on the topic's history; audit reads only ids and dates of either version. */
  appealExtendedV1: 'kz.bakylau.appeal.extended.v1',
  appealAnswered: 'kz.bakylau.appeal.answered.v1',
  appealClosed: 'kz.bakylau.appeal.closed.v1',
  /** A notice delivered to an applicant; of kind APPEAL_EXTENDED it is the legal notice of an extension. */
  notificationDelivered: 'kz.bakylau.notification.delivered.v1',
  complianceViolationDetected: 'kz.bakylau.audit.compliance-violation-detected.v1',
  recordKeepingInspectionPlanned: 'kz.bakylau.audit.record-keeping-inspection-planned.v1',
  recordKeepingInspectionHeld: 'kz.bakylau.audit.record-keeping-inspection-held.v1',
  staffBriefingRecorded: 'kz.bakylau.audit.staff-briefing-recorded.v1',
} as const;

/** The CloudEvent source of everything audit publishes. */
export const auditSource = '/bakylau/audit';
