/**
 * The summary of an audited change: only fields known to be non-personal (ids, states, dates,
 * outcomes, registration numbers, counts) are kept, at any depth; everything else (names, IIN,
 * phone, address, appeal text, free-text reasons and findings) is dropped. An allowlist, not a
 * denylist, so a new personal field in some event never leaks into the append-only trail.
 */
const allowedFields: ReadonlySet<string> = new Set([
  // ids
  'id',
  'appealId',
  'appealIds',
  'organizationId',
  'toOrganizationId',
  'fromOrganizationId',
  'executorOrganizationId',
  'parentId',
  'districtId',
  'categoryId',
  'sourceAppointmentId',
  'appointmentId',
  'sessionId',
  'officialId',
  'instructionId',
  'reportId',
  'systemicIssueId',
  'answerDocumentId',
  'documentId',
  'violationId',
  'inspectionId',
  'briefingId',
  'consultationId',
  'conclusionId',
  'proposalId',
  'entityId',
  'executors',
  'basis',
  'signedBy',
  // states, kinds and outcomes
  'state',
  'previousState',
  'finalState',
  'status',
  'outcome',
  'kind',
  'channel',
  'rule',
  'entityType',
  'issuerLevel',
  'lead',
  'active',
  'underAkimControl',
  'role',
  'registrationNumber',
  'attendeesCount',
  // dates
  'receivedAt',
  'registeredAt',
  'forwardedAt',
  'answeredAt',
  'closedAt',
  'dueDate',
  'previousDueDate',
  'newDueDate',
  'extendedAt',
  'submittedAt',
  'acceptedAt',
  'returnedAt',
  'cancelledAt',
  'bookedAt',
  'startsAt',
  'endsAt',
  'date',
  'plannedDate',
  'heldDate',
  'occurredAt',
  'detectedAt',
  'removedAt',
  'overdueSince',
]);

/** A 12-digit string is an IIN or BIN (personal for individuals): dropped even under an allowed key. */
const iinLike = /^\d{12}$/;
const maxStringLength = 200;
const maxArrayLength = 50;

function keepValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    if (iinLike.test(value) || value.length > maxStringLength || value.includes('\u0000')) return undefined;
    return value;
  }
  if (depth >= 3) return undefined;
  if (Array.isArray(value)) {
    const kept = value
      .slice(0, maxArrayLength)
      .map((item) => keepValue(item, depth + 1))
      .filter((item) => item !== undefined);
    return kept;
  }
  if (typeof value === 'object') {
    const kept = summarizeObject(value as Record<string, unknown>, depth + 1);
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  return undefined;
}

function summarizeObject(data: Record<string, unknown>, depth: number): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!allowedFields.has(key)) continue;
    const kept = keepValue(value, depth);
    if (kept !== undefined) summary[key] = kept;
  }
  return summary;
}

/** The allowlisted, non-personal part of an event's data (the actor is recorded separately). */
export function summarizeEventData(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  return summarizeObject(data as Record<string, unknown>, 0);
}
