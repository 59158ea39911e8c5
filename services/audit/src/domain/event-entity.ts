/**
 * Which entity an event is about: the subject is its id (the aggregate id and Kafka key), and the
 * type `kz.bakylau.<context>.<fact>.v1` names its kind.
 */
export function entityTypeOf(eventType: string): string {
  const parts = eventType.split('.');
  const context = parts[2] ?? '';
  const fact = parts[3] ?? '';
  switch (context) {
    case 'appeal':
      return 'Appeal';
    case 'organization':
      return 'Organization';
    case 'instruction':
      return 'Instruction';
    case 'reception':
      return fact.startsWith('session') ? 'ReceptionSession' : 'Appointment';
    case 'audit':
      if (fact.startsWith('compliance-violation')) return 'ComplianceViolation';
      if (fact.startsWith('record-keeping-inspection')) return 'RecordKeepingInspection';
      if (fact.startsWith('staff-briefing')) return 'StaffBriefing';
      return 'Audit';
    case 'notification':
      return 'Notification';
    default:
      return context ? context.charAt(0).toUpperCase() + context.slice(1) : 'Unknown';
  }
}

/** The actor of an event (`data.actor`), or null when the event does not carry a well-formed one. */
export function actorOf(data: unknown): { subject: string; role: string } | null {
  if (data === null || typeof data !== 'object') return null;
  const actor = (data as Record<string, unknown>)['actor'];
  if (actor === null || typeof actor !== 'object') return null;
  const { subject, role } = actor as Record<string, unknown>;
  if (typeof subject !== 'string' || typeof role !== 'string') return null;
  return { subject: subject.slice(0, 200), role: role.slice(0, 50) };
}
