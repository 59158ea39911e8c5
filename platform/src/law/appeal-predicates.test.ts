// The SQL forms of the appeal predicates against their TypeScript forms, on the real PostgreSQL:
// every state × due date × closing day, evaluated by both, must agree row by row.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import pg from 'pg';
import { testEnv } from '../testkit/test-env.ts';
import {
  closedAppealSql,
  closedAppealStates,
  closedLateSql,
  isClosedAppealState,
  isClosedLate,
  isOverdueAppeal,
  notOverdueAppealSql,
  openAppealSql,
  overdueAppealSql,
} from './appeal-predicates.ts';

const states = ['REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWER_SUBMITTED', 'UNDER_REVIEW', 'RETURNED_FOR_REWORK', ...closedAppealStates];
const today = '2026-11-24';
// The day before today, today itself (in time), the day after; the turn of a month and of a year.
const dueDates = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-10-31', '2025-12-31', '2027-01-01'];
const closingDays = [null, '2026-11-22', '2026-11-24', '2026-11-25', '2027-01-02'];

type Row = { state: string; due_date: string; closed_on: string | null; closed: boolean; open: boolean; overdue: boolean; not_overdue: boolean; late: boolean };

describe('appeal predicates: SQL and TypeScript agree on PostgreSQL', () => {
  let client: pg.Client;
  let rows: Row[];

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testEnv.databaseUrl });
    await client.connect();
    // A temporary table lives in this session only: no other test sees it.
    await client.query('create temporary table predicate_case (state text not null, due_date date not null, closed_on date)');
    for (const state of states)
      for (const due of dueDates)
        for (const closedOn of closingDays) await client.query('insert into predicate_case values ($1, $2, $3)', [state, due, closedOn]);
    const columns = { state: 'state', dueDate: 'due_date', today: '$1::date' };
    const result = await client.query<Row>(
      `select state, to_char(due_date, 'YYYY-MM-DD') as due_date, to_char(closed_on, 'YYYY-MM-DD') as closed_on,
              ${closedAppealSql('state')} as closed, ${openAppealSql('state')} as open,
              ${overdueAppealSql(columns)} as overdue, ${notOverdueAppealSql(columns)} as not_overdue,
              ${closedLateSql({ closedOn: 'closed_on', dueDate: 'due_date' })} as late
         from predicate_case`,
      [today],
    );
    rows = result.rows;
  }, 60_000);

  afterAll(async () => {
    await client?.end();
  });

  it('evaluates every combination', () => {
    assert.equal(rows.length, states.length * dueDates.length * closingDays.length);
  });

  it('closed and open', () => {
    for (const row of rows) {
      assert.equal(row.closed, isClosedAppealState(row.state), row.state);
      assert.equal(row.open, !isClosedAppealState(row.state), row.state);
    }
  });

  it('overdue, and its negation', () => {
    for (const row of rows) {
      const expected = isOverdueAppeal({ state: row.state, dueDate: row.due_date }, today);
      assert.equal(row.overdue, expected, `${row.state} due ${row.due_date}`);
      assert.equal(row.not_overdue, !expected, `${row.state} due ${row.due_date}`);
    }
    // Sanity beside the agreement: an open appeal due yesterday is overdue, due today is not.
    assert.equal(isOverdueAppeal({ state: 'IN_PROGRESS', dueDate: '2026-11-23' }, today), true);
    assert.equal(isOverdueAppeal({ state: 'IN_PROGRESS', dueDate: '2026-11-24' }, today), false);
    assert.equal(isOverdueAppeal({ state: 'ANSWERED', dueDate: '2025-12-31' }, today), false);
  });

  it('closed late', () => {
    for (const row of rows) {
      assert.equal(row.late, isClosedLate({ closedOn: row.closed_on, dueDate: row.due_date }), `closed ${row.closed_on} due ${row.due_date}`);
    }
    assert.equal(isClosedLate({ closedOn: '2026-11-24', dueDate: '2026-11-24' }), false);
    assert.equal(isClosedLate({ closedOn: '2027-01-02', dueDate: '2027-01-01' }), true);
    assert.equal(isClosedLate({ closedOn: null, dueDate: '2025-12-31' }), false);
  });
});
