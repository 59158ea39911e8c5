import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { handleAppealsEvent } from '../src/events/appeals-consumer.ts';

/** Adds organizations to the service's read copy the way the appeals events do. */
export async function givenOrganizations(orm: MikroORM, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await orm.em.fork().transactional(async (em) => {
    for (const id of ids) {
      const event = createCloudEvent({
        source: '/bakylau/appeals',
        type: 'kz.bakylau.organization.upserted.v1',
        subject: id,
        data: {
          organizationId: id,
          name: `Org ${id.slice(0, 4)}`,
          kind: 'AKIMAT_UNIT',
          parentId: null,
          districtId: null,
          active: true,
          actor: { subject: 'system', role: 'system' },
        },
      });
      await handleAppealsEvent(em, event);
    }
  });
  return ids;
}

export async function outboxTypes(orm: MikroORM, subject: string): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ type: string }[]>(`select type from outbox where message_key = ? order by seq`, [subject]);
  return rows.map((r) => r.type);
}

export const issueMutation = `mutation($input: IssueInstructionInput!) {
  issueInstruction(input: $input) { id number controlState issuerLevel dueDate executors { organization { id } dueDate state nextReportDue } }
}`;
export const submitMutation = `mutation($input: SubmitExecutionReportInput!) { submitExecutionReport(input: $input) { id state kind } }`;
export const acceptMutation = `mutation($id: ID!) { acceptExecutionReport(reportId: $id) { id state } }`;
export const returnMutation = `mutation($id: ID!, $remarks: String!) { returnExecutionReport(reportId: $id, remarks: $remarks) { id state remarks } }`;
export const removeMutation = `mutation($id: ID!) { removeInstructionFromControl(instructionId: $id) { id controlState removedFromControlAt } }`;
