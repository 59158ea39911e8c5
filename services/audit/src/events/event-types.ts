/** The event types audit reacts to beyond recording them (the contracts of the shared brief). */
export const eventTypes = {
  organizationUpserted: 'kz.bakylau.organization.upserted.v1',
  appealRegistered: 'kz.bakylau.appeal.registered.v1',
  appealForwarded: 'kz.bakylau.appeal.forwarded.v1',
  appealExtended: 'kz.bakylau.appeal.extended.v1',
  appealAnswered: 'kz.bakylau.appeal.answered.v1',
  appealClosed: 'kz.bakylau.appeal.closed.v1',
  /** The notice to the applicant about an extension, until a notifications service exists. */
  extensionNoticeSent: 'kz.bakylau.appeal.extension-notice-sent.v1',
  /** The notifications service's delivery fact; counts as a notice when it names the appeal. */
  notificationDelivered: 'kz.bakylau.notification.delivered.v1',
  complianceViolationDetected: 'kz.bakylau.audit.compliance-violation-detected.v1',
  recordKeepingInspectionPlanned: 'kz.bakylau.audit.record-keeping-inspection-planned.v1',
  recordKeepingInspectionHeld: 'kz.bakylau.audit.record-keeping-inspection-held.v1',
  staffBriefingRecorded: 'kz.bakylau.audit.staff-briefing-recorded.v1',
} as const;

/** The CloudEvent source of everything audit publishes. */
export const auditSource = '/bakylau/audit';
