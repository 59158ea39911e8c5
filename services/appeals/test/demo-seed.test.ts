import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { openAppealSql } from '@bakylau/platform/law/appeal-predicates';
import { startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { loadAppealsConfig } from '../src/config.ts';
import { iinProblem } from '../src/domain/identification-number.ts';
import { open311WindowDays } from '../src/domain/open311.ts';
import { demoAppealCount, demoCitizen, demoCluster, demoSeedSubject } from '../src/seed/demo-appeals.ts';
import { appealsService } from '../src/service.ts';
import { SystemicIssue } from '../src/db/analytics-entities.ts';
import { runSystemicDetection } from '../src/use-cases/systemic-issues.ts';
import { count, ok } from './appeals-helpers.ts';
import { civilDaySql, civilDayTextSql, startOfCivilDay } from '@bakylau/platform/civil-time';

const analyst: TestCaller = { role: 'analyst', subject: 'analyst-demo' };
const openList = openAppealSql('state');

describe('appeals: the demo appeals of the seed', () => {
  let service: TestService;
  const today = civilDateInKazakhstan(new Date());
  const sql = <T>(query: string, params: unknown[] = []) => service.orm.em.fork().execute<T[]>(query, params);
  const countOf = async (query: string, params: unknown[] = []) => Number((await sql<{ n: string }>(query, params))[0]?.n ?? 0);

  beforeAll(async () => {
    service = await startTestService(appealsService, { seed: true });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('writes the demo appeals once, numbered 1..N of their year in the order of registration', async () => {
    assert.equal(await count(service, 'appeal'), demoAppealCount);
    assert.equal(await count(service, 'appeal', 'registered_by not in (?, ?)', [demoSeedSubject, demoCitizen.subject]), 0);
    // The seed's own events (the jobs running meanwhile raise others: overdue, systemic issues).
    const seedEvents = () => count(service, 'outbox', "event->'data'->'actor'->>'subject' in (?, ?)", [demoSeedSubject, demoCitizen.subject]);
    const outbox = await seedEvents();
    assert.ok(outbox > demoAppealCount * 3);
    assert.equal(await count(service, 'outbox', "type = 'kz.bakylau.appeal.registered.v1'"), demoAppealCount);

    // The service's seed again (as on every `npm start`): nothing is added, not even an event.
    const em = service.orm.em.fork();
    await appealsService.seed?.(em, { sealingKeys: service.sealingKeys });
    await em.flush();
    assert.equal(await count(service, 'appeal'), demoAppealCount);
    assert.equal(await seedEvents(), outbox);

    const years = await sql<{ year: number; n: string; max: number; ordered: boolean; next: number }>(
      `select a.registration_year as year, count(*) as n, max(a.registration_sequence) as max,
         bool_and(a.registration_sequence = a.position) as ordered, c.next
       from (select *, row_number() over (partition by registration_year order by registered_at) as position from appeal) a
       join registration_counter c on c.year = a.registration_year group by a.registration_year, c.next`,
    );
    assert.ok(years.length >= 1);
    for (const y of years) {
      assert.equal(y.max, Number(y.n), `${y.year}: numbers 1..${y.n} without gaps`);
      assert.equal(y.ordered, true, `${y.year}: numbers follow the registration dates`);
      assert.equal(y.next, Number(y.n) + 1, `${y.year}: the next appeal gets the next number`);
    }
  });

  it('spreads the states as designed: mostly answered, some in work, overdue, returned, forwarded, extended, under control', async () => {
    const total = demoAppealCount;
    assert.ok((await count(service, 'appeal', "state = 'ANSWERED'")) > total / 2, 'mostly answered');
    assert.ok((await count(service, 'appeal', `${openList} and due_date >= ?::date`, [today])) > 0, 'some in work within their term');
    assert.ok((await count(service, 'appeal', `${openList} and due_date < ?::date`, [today])) > 0, 'some open and overdue');
    assert.ok((await count(service, 'appeal', "state = 'RETURNED_FOR_REWORK' and rework_count = 1")) > 0, 'some returned for rework');
    assert.ok((await count(service, 'appeal', "state = 'ANSWERED' and rework_count > 0")) > 0, 'some answered after a rework');
    assert.ok((await count(service, 'appeal', "state = 'FORWARDED' and forwarded_to_id is not null")) > 0, 'some forwarded');
    assert.ok((await count(service, 'appeal', 'under_akim_control')) > 0, "some under the akim's control");
    assert.ok((await count(service, 'appeal_due_date_change', "reason not like 'initial term%'")) > 0, 'some extended');
    assert.ok((await count(service, 'appeal', "state = 'ANSWERED' and closed_at::date > due_date")) > 0, 'some answered late');
    // What the use cases leave behind: every answered appeal signed, its answer and its executor on file.
    assert.equal(await count(service, 'appeal', "state = 'ANSWERED' and (final_document_id is null or signed_at is null or closed_at is null)"), 0);
    assert.equal(await count(service, 'appeal a', "state = 'ANSWERED' and not exists (select 1 from appeal_answer x where x.appeal_id = a.id)"), 0);
    assert.equal(await count(service, 'outbox', "type = 'kz.bakylau.appeal.answered.v1'"), await count(service, 'appeal', "state = 'ANSWERED'"));
    // Under control, an appeal is signed only after an accepted review.
    assert.equal(
      await count(
        service,
        'appeal a',
        "state = 'ANSWERED' and under_akim_control and not exists (select 1 from appeal_review r where r.appeal_id = a.id and r.decision = 'ACCEPT')",
      ),
      0,
    );

    assert.ok((await countOf('select count(distinct channel) as n from appeal')) >= 5, 'channels are mixed');
    assert.ok(
      (await count(service, 'appeal', "applicant_language = 'KK'")) > 0 && (await count(service, 'appeal', "applicant_language = 'RU'")) > 0,
      'RU and KK',
    );
    const withPoint = await count(service, 'appeal', 'geo_lat is not null');
    assert.ok(withPoint > total * 0.3 && withPoint < total * 0.75, `about half have a point (${withPoint})`);
    assert.equal(
      await count(service, 'appeal', 'geo_lat is not null and not (geo_lat between 44.5 and 45.6 and geo_lon between 77.5 and 80.2)'),
      0,
      'points lie in Zhetysu',
    );
    assert.ok((await countOf('select count(distinct district_id) as n from appeal')) >= 6);
    assert.ok((await countOf('select count(distinct category_id) as n from appeal')) >= 10);
    const oldest = (await sql<{ day: string }>(`select ${civilDayTextSql('min(registered_at)')} as day from appeal`))[0]?.day ?? today;
    assert.ok(oldest >= addCalendarDays(today, -310) && oldest <= addCalendarDays(today, -200), `registered over the last ten months (oldest ${oldest})`);

    // Fictitious applicants with valid identifiers and the demo contact formats.
    const iins = await sql<{ applicant_iin: string }>('select distinct applicant_iin from appeal where applicant_iin is not null');
    assert.ok(iins.length > 50);
    assert.deepEqual(
      iins.filter((r) => iinProblem(r.applicant_iin) !== null),
      [],
    );
    assert.equal(await count(service, 'appeal', "applicant_phone is not null and applicant_phone !~ '^\\+7701[0-9]{7}$'"), 0);
    assert.equal(await count(service, 'appeal', "applicant_email is not null and applicant_email not like '%@example.kz'"), 0);
  });

  it('gives a problem map whose cells equal a direct count over the appeals', async () => {
    const from = addCalendarDays(today, -364);
    const map = (
      await ok(
        service,
        `query($from: Date!, $to: Date!) { problemMap(from: $from, to: $to) { registered cells { district { id } category { id } registered closed overdue } } }`,
        { from, to: today },
        analyst,
      )
    )['problemMap'];
    const direct = await sql<{ district_id: string; category_id: string; registered: string; closed: string; overdue: string }>(
      `with a as (select *, ${civilDaySql('registered_at')} as day from appeal)
       select district_id, category_id, count(*) as registered, count(*) filter (where closed_at is not null) as closed,
         count(*) filter (where (closed_at is not null and ${civilDaySql('closed_at')} > due_date)
           or (${openList} and due_date < ?::date)) as overdue
       from a where day between ?::date and ?::date group by 1, 2`,
      [today, from, today],
    );
    assert.ok(map.cells.length > 10, 'the map is not empty');
    assert.equal(map.registered, demoAppealCount);
    const want = new Map(direct.map((r) => [`${r.district_id}|${r.category_id}`, [Number(r.registered), Number(r.closed), Number(r.overdue)]]));
    assert.equal(map.cells.length, want.size);
    for (const cell of map.cells as { district: { id: string }; category: { id: string }; registered: number; closed: number; overdue: number }[]) {
      assert.deepEqual(
        [cell.registered, cell.closed, cell.overdue],
        want.get(`${cell.district.id}|${cell.category.id}`),
        `cell ${cell.district.id}|${cell.category.id}`,
      );
    }
  });

  it('makes the detection job propose the planted cluster as a systemic issue', async () => {
    const { systemicThreshold, systemicWindowDays } = loadAppealsConfig().analytics;
    // The job's run (it also runs when the service starts: then this one finds the proposal already made).
    await runSystemicDetection(service.orm.em.fork(), new Date(), { threshold: systemicThreshold, windowDays: systemicWindowDays });
    const cluster = await service.orm.em
      .fork()
      .findOne(SystemicIssue, { categoryId: demoCluster.categoryId, districtId: demoCluster.districtId, state: 'PROPOSED' });
    assert.ok(cluster, 'the cluster is proposed');
    assert.ok(cluster.appealCount >= demoCluster.size);
    // The trend compares with the window before: a direct count of the same pair there.
    const previousFrom = addCalendarDays(cluster.windowFrom, -systemicWindowDays);
    assert.equal(
      cluster.previousCount,
      await count(service, 'appeal', 'category_id = ? and district_id = ? and registered_at >= ?::timestamptz and registered_at < ?::timestamptz', [
        demoCluster.categoryId,
        demoCluster.districtId,
        startOfCivilDay(previousFrom).toISOString(),
        startOfCivilDay(cluster.windowFrom).toISOString(),
      ]),
    );
    const issues = await ok(service, '{ systemicIssues(state: PROPOSED) { edges { node { id appealCount evidence { id } } } } }', {}, analyst);
    const listed = issues['systemicIssues'].edges.find((e: { node: { id: string } }) => e.node.id === cluster.id);
    assert.equal(listed?.node.evidence.length, cluster.appealCount);
  });

  it("lists the public demo appeals in Open311 requests.json, with none of their applicants' data", async () => {
    const base = service.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/open311/v2/requests.json?page_size=1000`);
    const body = await response.text();
    assert.equal(response.status, 200, body);
    const listed = (JSON.parse(body) as { service_request_id: string }[]).map((r) => r.service_request_id).sort();
    const expected = (
      await sql<{ registration_number: string }>(
        `select registration_number from appeal where registered_at >= now() - make_interval(days => ?)
           and applicant_type <> 'ANONYMOUS' and state not in ('WITHDRAWN', 'REDIRECTED_EXCLUDED') and duplicate_of_id is null`,
        [open311WindowDays],
      )
    )
      .map((r) => r.registration_number)
      .sort();
    assert.ok(listed.length > 10, 'the public registry is not empty');
    assert.deepEqual(listed, expected);
    const personal = await sql<{ value: string }>(
      `select applicant_iin as value from appeal where applicant_iin is not null union select applicant_phone from appeal where applicant_phone is not null
       union select applicant_name from appeal where applicant_name is not null union select applicant_email from appeal where applicant_email is not null`,
    );
    assert.ok(personal.length > 100);
    const leaked = personal.map((p) => p.value).filter((value) => body.includes(value));
    assert.deepEqual(leaked, [], 'no IIN, phone, name or e-mail of an applicant is published');
  });

  it("shows the demo citizen's appeals in myAppeals: by the IIN of the token and by the account", async () => {
    const MY = '{ myAppeals(first: 20) { totalCount edges { node { appeal { state channel applicant { iin } } } } } }';
    const both = (await ok(service, MY, {}, { role: 'citizen', subject: demoCitizen.subject, iin: demoCitizen.iin }))['myAppeals'];
    assert.equal(both.totalCount, 4);
    const states = both.edges.map((e: { node: { appeal: { state: string } } }) => e.node.appeal.state);
    assert.ok(states.includes('ANSWERED'), `one is answered (${states.join(', ')})`);
    assert.ok(both.edges.every((e: { node: { appeal: { applicant: { iin: string } } } }) => e.node.appeal.applicant.iin === demoCitizen.iin));
    // The three on paper are hers by the IIN only (the filed one carries it too); the account alone sees what it filed.
    assert.equal((await ok(service, MY, {}, { role: 'citizen', subject: 'someone-with-the-iin', iin: demoCitizen.iin }))['myAppeals'].totalCount, 4);
    assert.equal(await count(service, 'appeal', 'applicant_iin = ? and applicant_subject is null', [demoCitizen.iin]), 3);
    const filed = (await ok(service, MY, {}, { role: 'citizen', subject: demoCitizen.subject }))['myAppeals'];
    assert.equal(filed.totalCount, 1);
    assert.equal(filed.edges[0].node.appeal.channel, 'ELECTRONIC');
  });
});
