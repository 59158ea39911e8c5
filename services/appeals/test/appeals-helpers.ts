import assert from '@bakylau/platform/testkit/assert';
import type { TestCaller, TestService } from '@bakylau/platform/testkit/service-harness';

/** Runs an operation that must succeed and returns its data. */
export async function ok<T = Record<string, any>>(service: TestService, query: string, variables: Record<string, unknown>, as: TestCaller): Promise<T> {
  const result = await service.request<T>(query, variables, as);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert.ok(result.data);
  return result.data;
}

/** Runs an operation that must fail and returns its first error. */
export async function fails(service: TestService, query: string, variables: Record<string, unknown>, as: TestCaller) {
  const result = await service.request(query, variables, as);
  const error = result.errors?.[0];
  assert.ok(error, `expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, fields: (error.extensions?.['fields'] ?? []) as { field: string; message: string }[], message: error.message };
}

/** Counts rows of a table (optionally filtered) straight from the service's database. */
export async function count(service: TestService, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const rows = await service.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${table} where ${where}`, params);
  return Number(rows[0]?.n ?? 0);
}

/** The event types in the outbox for one aggregate, in the order they were written. */
export async function outboxTypes(service: TestService, subject: string): Promise<string[]> {
  const rows = await service.orm.em.fork().execute<{ type: string }[]>('select type from outbox where message_key = ? order by seq', [subject]);
  return rows.map((r) => r.type);
}

export const appealFields = `id registrationNumber version state dueDate overdue organization { id }
  applicant { type name iin phone } text executors { organization { id } lead state dueDate }
  answers { round outcome } reviews { decision passed remarks } reworkCount
  finalAnswer { documentId outcome signedBy { subject role actingFor } }`;

export const REGISTER = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { ${appealFields} } }`;
export const ASSIGN = `mutation($input: AssignAppealInput!) { assignAppeal(input: $input) { ${appealFields} } }`;
export const SUBMIT = `mutation($input: SubmitAnswerInput!) { submitAppealAnswer(input: $input) { ${appealFields} } }`;
export const REVIEW = `mutation($input: ReviewAnswerInput!) { reviewAppealAnswer(input: $input) { ${appealFields} } }`;
export const SIGN = `mutation($input: SignAnswerInput!) { signAppealAnswer(input: $input) { ${appealFields} } }`;
export const EXTEND = `mutation($input: ExtendAppealInput!) { extendAppeal(input: $input) { id version dueDate maxDueDate dueDateHistory { dueDate reason applicantNoticeDueBy } } }`;
export const UPSERT_ORG = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id name kind } }`;
