import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { appealsService } from '../src/service.ts';
import { fails, ok, outboxTypes } from './appeals-helpers.ts';
import { civilDaySql } from '@bakylau/platform/civil-time';

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-1' };
const controller: TestCaller = { role: 'controller', subject: 'controller-1' };
const analyst: TestCaller = { role: 'analyst', subject: 'analyst-1' };
const iinA = withCheckDigit('90010130001') ?? '';

const bulkRows = 20_000;
const REGISTER = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version } }`;
const SEARCH = `query($q: String!, $first: Int, $after: String) { searchAppeals(query: $q, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor rank highlight node { id summary text applicant { name iin phone address } } } } }`;
const ISSUE_FIELDS = `id version state appealCount previousCount trend threshold windowFrom windowTo category { id } district { id }
  evidence { id text applicant { name iin } }`;

describe('appeals analytics (R7): search, duplicates, systemic issues, problem map', () => {
  let service: TestService;
  const categories: string[] = [];
  const districts: string[] = [];
  const planted: Record<string, string> = {};
  const today = civilDateInKazakhstan(new Date());

  const sql = <T>(query: string, params: unknown[] = []) => service.orm.em.fork().execute<T[]>(query, params);

  const register = async (key: string, summary: string, text: string, applicant: Record<string, unknown> = { type: 'ANONYMOUS' }) => {
    const data = await ok(service, REGISTER, { input: { kind: 'APPLICATION', channel: 'POST', applicant, summary, text } }, registrar);
    planted[key] = data['registerAppeal'].id;
    return data['registerAppeal'] as { id: string; version: number };
  };

  /** Appeals written straight into the table (`daysAgo` each), as a generated data set would be. */
  const insertAppeals = async (rows: { category: string; district: string; daysAgo: number; summary: string }[]) => {
    for (const [i, row] of rows.entries()) {
      await sql(
        `insert into appeal (id, registration_number, registration_year, registration_sequence, kind, channel, state, received_at, registered_at, registered_by,
           term_start_date, due_date, forwarding_due_date, applicant_type, applicant_name, applicant_iin, summary, text, category_id, district_id, attachments, under_akim_control, updated_at)
         select gen_random_uuid(), 'PLANT-' || s.seq, 2001, s.seq, 'APPLICATION', 'POST', 'REGISTERED', t, t, 'generator', t::date, t::date + 15, t::date + 3,
           'INDIVIDUAL', 'Заявитель Плановый', ?, ?, 'Подробности обращения', ?, ?, '[]', false, t
         from (select coalesce(max(registration_sequence), 0) + 1 as seq from appeal where registration_year = 2001) s,
              (select now() - make_interval(days => ?, mins => ?) as t) tt`,
        [iinA, row.summary, row.category, row.district, row.daysAgo, i],
      );
    }
  };

  beforeAll(async () => {
    service = await startTestService(appealsService);
    for (const [code, name, nameKk] of [
      ['01', 'ЖКХ', 'ТКШ'],
      ['02', 'Дороги', 'Жолдар'],
      ['03', 'Образование', 'Білім'],
      ['04', 'Транспорт', 'Көлік'],
    ]) {
      categories.push(
        (await ok(service, `mutation($i: CategoryInput!) { upsertCategory(input: $i) { id } }`, { i: { code, name, nameKk } }, admin))['upsertCategory'].id,
      );
    }
    for (const [name, nameKk] of [
      ['Талдыкорган', 'Талдықорған'],
      ['Текели', 'Текелі'],
      ['Алакольский район', 'Алакөл ауданы'],
    ]) {
      districts.push(
        (await ok(service, `mutation($i: DistrictInput!) { upsertDistrict(input: $i) { id } }`, { i: { name, nameKk, kind: 'DISTRICT' } }, admin))[
          'upsertDistrict'
        ].id,
      );
    }
    // The generated data set: 20,000 appeals over 61..400 days ago (before both detection windows),
    // every category × district, a third closed (some late), a quarter with a point.
    await sql(
      `insert into appeal (id, registration_number, registration_year, registration_sequence, kind, channel, state, received_at, registered_at, registered_by,
         term_start_date, due_date, forwarding_due_date, applicant_type, applicant_name, applicant_iin, applicant_phone, summary, text,
         category_id, district_id, geo_lat, geo_lon, attachments, under_akim_control, updated_at, closed_at)
       select gen_random_uuid(), 'GEN-' || i, 2000, i, 'APPLICATION', 'POST',
         case when i % 3 = 0 then 'ANSWERED' else 'ASSIGNED' end, t, t, 'generator', t::date, t::date + 15, t::date + 3,
         'INDIVIDUAL', 'Житель Номер' || i, null, '+7700' || lpad(i::text, 7, '0'),
         (array['Уличное освещение', 'Вывоз мусора', 'Детский сад', 'Тарифы на отопление', 'Автобусный маршрут'])[1 + i % 5] || ' ' || i,
         'Обращение номер ' || i || ' о благоустройстве двора и подъезда',
         (?::uuid[])[1 + i % 4], (?::uuid[])[1 + (i / 4) % 3],
         case when i % 4 = 0 then 44.9 + (i % 100) / 1000.0 end, case when i % 4 = 0 then 78.3 + (i % 77) / 1000.0 end,
         '[]', false, t,
         case when i % 3 = 0 then t + make_interval(days => i % 25) end
       from (select i, now() - make_interval(days => 61 + i % 340, mins => i % 1440) as t from generate_series(1, ${bulkRows}) i) g`,
      [`{${categories.join(',')}}`, `{${districts.join(',')}}`],
    );
    // Statistics, as autovacuum would gather them after a bulk load.
    await sql('analyze appeal');
    // Search and duplicates: registered through the API today, no category/district (no cluster).
    await register('road1', 'Ремонт дороги на улице Абая', 'Прошу отремонтировать дорогу на улице Абая, шлагбаум сломан.', {
      type: 'INDIVIDUAL',
      name: 'Асанов Асан',
      iin: iinA,
      phone: '+77001234567',
      address: 'Талдыкорган, ул. Абая 1',
    });
    await register('road2', 'Ямы на дорогах микрорайона', 'Состояние дорог в микрорайоне Каратал ужасное.');
    await register('kazakh', 'Жол жөндеу', 'Ауылдағы жолды жөндеу керек, көктемде су басады.');
    await register('dup1', 'Не работает уличное освещение на улице Жансугурова', 'На улице Жансугурова от дома 10 до дома 40 не горят фонари уже месяц.');
    await register(
      'dup2',
      'Не работает уличное освещение на улице Жансугурова!',
      'На улице Жансугурова от дома 10 до дома 40 не горят фонари уже второй месяц.',
    );
    await register('sameApplicant', 'Вопрос о субсидии на жильё', 'Прошу разъяснить порядок получения субсидии.', {
      type: 'INDIVIDUAL',
      name: 'Асанов Асан',
      iin: iinA,
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('full-text search', () => {
    it('finds Russian word forms: "дорога" finds "дороги", "дорогу", "дорог", with highlights', async () => {
      const data = await ok(service, SEARCH, { q: 'дорога' }, registrar);
      const ids = data['searchAppeals'].edges.map((e: { node: { id: string } }) => e.node.id).sort();
      assert.deepEqual(ids, [planted['road1'], planted['road2']].sort());
      assert.equal(data['searchAppeals'].totalCount, 2);
      const road1 = data['searchAppeals'].edges.find((e: { node: { id: string } }) => e.node.id === planted['road1']);
      assert.match(road1.highlight, /<mark>дороги<\/mark>/);
      assert.match(road1.highlight, /<mark>дорогу<\/mark>/);
    });

    it('finds Kazakh text by the exact word (no Kazakh stemmer in PostgreSQL)', async () => {
      const data = await ok(service, SEARCH, { q: 'жолды' }, registrar);
      assert.deepEqual(
        data['searchAppeals'].edges.map((e: { node: { id: string } }) => e.node.id),
        [planted['kazakh']],
      );
      assert.match(data['searchAppeals'].edges[0].highlight, /<mark>жолды<\/mark>/);
      const summaryWord = await ok(service, SEARCH, { q: 'жөндеу' }, registrar);
      assert.equal(summaryWord['searchAppeals'].totalCount, 1);
    });

    it('pages through many hits by (rank, id) without gaps or repeats', async () => {
      const seen = new Set<string>();
      let after: string | null = null;
      let total = 0;
      for (let page = 0; page < 3; page++) {
        const data: Record<string, any> = await ok(service, SEARCH, { q: 'благоустройство двора', first: 100, after }, registrar);
        total = data['searchAppeals'].totalCount;
        for (const edge of data['searchAppeals'].edges) seen.add(edge.node.id);
        assert.equal(data['searchAppeals'].pageInfo.hasNextPage, true);
        after = data['searchAppeals'].pageInfo.endCursor;
      }
      assert.equal(total, bulkRows);
      assert.equal(seen.size, 300);
    });

    it('filters the registry by text', async () => {
      const data = await ok(service, `query { appeals(filter: { text: "дорога" }) { totalCount edges { node { id } } } }`, {}, registrar);
      assert.equal(data['appeals'].totalCount, 2);
    });

    it('shows an analyst no personal data: masked fields, summary-only matching and highlights', async () => {
      // "шлагбаум" is only in the text of road1: the registrar finds it, the analyst does not.
      assert.equal((await ok(service, SEARCH, { q: 'шлагбаум' }, registrar))['searchAppeals'].totalCount, 1);
      assert.equal((await ok(service, SEARCH, { q: 'шлагбаум' }, analyst))['searchAppeals'].totalCount, 0);
      assert.equal((await ok(service, `query { appeals(filter: { text: "шлагбаум" }) { totalCount } }`, {}, analyst))['appeals'].totalCount, 0);
      const data = await ok(service, SEARCH, { q: 'дорога' }, analyst);
      assert.equal(data['searchAppeals'].totalCount, 2);
      for (const edge of data['searchAppeals'].edges) {
        assert.equal(edge.node.text, null);
        assert.deepEqual(edge.node.applicant, { name: null, iin: null, phone: null, address: null });
        assert.doesNotMatch(edge.highlight, /шлагбаум|Асанов|Абая 1|\+7700/);
      }
      const bulk = await ok(service, SEARCH, { q: 'освещение', first: 50 }, analyst);
      for (const edge of bulk['searchAppeals'].edges) {
        assert.equal(edge.node.text, null);
        assert.doesNotMatch(edge.highlight, /Житель|Обращение номер/);
      }
    });

    it('refuses an empty query', async () => {
      assert.equal((await fails(service, SEARCH, { q: '   ' }, registrar)).code, 'BAD_USER_INPUT');
    });
  });

  describe('likely duplicates at registration', () => {
    const DUPS = `query($id: ID!) { appeal(id: $id) { likelyDuplicates { similarity sameApplicant appeal { id } } } }`;

    it('lists an earlier near-identical appeal and an earlier appeal of the same applicant', async () => {
      const dup2 = (await ok(service, DUPS, { id: planted['dup2'] }, registrar))['appeal'].likelyDuplicates;
      const first = dup2.find((d: { appeal: { id: string } }) => d.appeal.id === planted['dup1']);
      assert.ok(first, JSON.stringify(dup2));
      assert.ok(first.similarity >= 0.45);
      assert.equal(first.sameApplicant, false);
      const same = (await ok(service, DUPS, { id: planted['sameApplicant'] }, registrar))['appeal'].likelyDuplicates;
      assert.equal(same[0].appeal.id, planted['road1']);
      assert.equal(same[0].sameApplicant, true);
      // Only earlier appeals are listed.
      const dup1 = (await ok(service, DUPS, { id: planted['dup1'] }, registrar))['appeal'].likelyDuplicates;
      assert.equal(
        dup1.some((d: { appeal: { id: string } }) => d.appeal.id === planted['dup2']),
        false,
      );
    });

    it('is not for analysts (it compares applicants)', async () => {
      assert.equal((await fails(service, DUPS, { id: planted['dup2'] }, analyst)).code, 'FORBIDDEN');
    });
  });

  describe('systemic issues', () => {
    const DETECT = `mutation { detectSystemicIssues { ${ISSUE_FIELDS} } }`;
    const CONFIRM = `mutation($input: DecideSystemicIssueInput!) { confirmSystemicIssue(input: $input) { id version state } }`;
    const DISMISS = `mutation($input: DecideSystemicIssueInput!) { dismissSystemicIssue(input: $input) { id version state } }`;

    it('proposes a planted cluster (6 in 30 days on one category and district), not the noise', async () => {
      const [catA, catB, catC] = categories as [string, string, string];
      const [distA, distB, distC] = districts as [string, string, string];
      await insertAppeals([
        ...[1, 3, 5, 8, 13, 21].map((daysAgo) => ({ category: catA, district: distA, daysAgo, summary: 'Нет холодной воды' })),
        ...[35, 50].map((daysAgo) => ({ category: catA, district: distA, daysAgo, summary: 'Нет холодной воды' })),
        // Noise: below the threshold on every other pair, or spread out of the window.
        ...[2, 9, 15, 28].map((daysAgo) => ({ category: catB, district: distA, daysAgo, summary: 'Яма во дворе' })),
        ...[4, 6, 19, 25].map((daysAgo) => ({ category: catA, district: distB, daysAgo, summary: 'Нет холодной воды' })),
        ...[3, 33, 45, 52, 58].map((daysAgo) => ({ category: catC, district: distC, daysAgo, summary: 'Очередь в детский сад' })),
      ]);
      const proposed = (await ok(service, DETECT, {}, analyst))['detectSystemicIssues'];
      assert.equal(proposed.length, 1, JSON.stringify(proposed));
      const issue = proposed[0];
      assert.equal(issue.state, 'PROPOSED');
      assert.equal(issue.category.id, catA);
      assert.equal(issue.district.id, distA);
      assert.equal(issue.appealCount, 6);
      assert.equal(issue.previousCount, 2);
      assert.equal(issue.trend, 2);
      assert.equal(issue.threshold, 5);
      assert.equal(issue.windowTo, today);
      assert.equal(issue.evidence.length, 6);
      for (const appeal of issue.evidence) assert.deepEqual([appeal.text, appeal.applicant.name, appeal.applicant.iin], [null, null, null]);
      // A second run refreshes, never proposes the same cluster again.
      assert.equal((await ok(service, DETECT, {}, controller))['detectSystemicIssues'].length, 0);
      assert.deepEqual(await outboxTypes(service, issue.id), ['kz.bakylau.appeal.systemic-issue-proposed.v1']);

      assert.equal((await fails(service, CONFIRM, { input: { issueId: issue.id, expectedVersion: issue.version } }, analyst)).code, 'FORBIDDEN');
      assert.equal((await fails(service, CONFIRM, { input: { issueId: issue.id, expectedVersion: issue.version + 5 } }, controller)).code, 'CONFLICT');
      const confirmed = (await ok(service, CONFIRM, { input: { issueId: issue.id, expectedVersion: issue.version, note: 'Авария на водоводе' } }, controller))[
        'confirmSystemicIssue'
      ];
      assert.equal(confirmed.state, 'CONFIRMED');
      assert.equal((await fails(service, DISMISS, { input: { issueId: issue.id, expectedVersion: confirmed.version } }, controller)).code, 'CONFLICT');
      assert.deepEqual(await outboxTypes(service, issue.id), ['kz.bakylau.appeal.systemic-issue-proposed.v1', 'kz.bakylau.appeal.systemic-issue-confirmed.v1']);
      // A confirmed cluster is not proposed again within the window.
      assert.equal((await ok(service, DETECT, {}, controller))['detectSystemicIssues'].length, 0);

      // The noise pair crosses the threshold with one more appeal; the department head dismisses it.
      await insertAppeals([{ category: catB, district: distA, daysAgo: 0, summary: 'Яма во дворе' }]);
      const second = (await ok(service, DETECT, {}, controller))['detectSystemicIssues'];
      assert.equal(second.length, 1);
      assert.equal(second[0].category.id, catB);
      const dismissed = (
        await ok(service, DISMISS, { input: { issueId: second[0].id, expectedVersion: second[0].version } }, { role: 'department_head', subject: 'head-1' })
      )['dismissSystemicIssue'];
      assert.equal(dismissed.state, 'DISMISSED');

      const listed = await ok(service, `query { systemicIssues { edges { node { id state } } } }`, {}, analyst);
      assert.deepEqual(listed['systemicIssues'].edges.map((e: { node: { state: string } }) => e.node.state).sort(), ['CONFIRMED', 'DISMISSED']);
      const entity = await service.entities([{ __typename: 'SystemicIssue', id: issue.id }], '... on SystemicIssue { id state appealCount }', analyst);
      assert.deepEqual(entity.data?.['_entities'], [{ id: issue.id, state: 'CONFIRMED', appealCount: 6 }]);
    });

    it('lets neither a citizen nor an executor run it', async () => {
      assert.equal((await fails(service, DETECT, {}, { role: 'citizen', subject: 'c-1' })).code, 'FORBIDDEN');
    });
  });

  describe('problem map', () => {
    const MAP = `query($from: Date!, $to: Date!, $categoryId: ID) { problemMap(from: $from, to: $to, categoryId: $categoryId) {
      from to previousFrom previousTo registered
      cells { district { id } category { id } registered closed overdue overdueShare previousRegistered trend } } }`;

    type Direct = { district_id: string | null; category_id: string | null; registered: string; closed: string; overdue: string; previous: string };
    const direct = (from: string, to: string, previousFrom: string) =>
      sql<Direct>(
        `with a as (select *, ${civilDaySql('registered_at')} as day from appeal)
         select district_id, category_id,
           count(*) filter (where day >= ?::date) as registered,
           count(*) filter (where day >= ?::date and closed_at is not null) as closed,
           count(*) filter (where day >= ?::date and ((closed_at is not null and ${civilDaySql('closed_at')} > due_date)
             or (state not in ('ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN') and due_date < ?::date))) as overdue,
           count(*) filter (where day < ?::date) as previous
         from a where day between ?::date and ?::date group by 1, 2`,
        [from, from, from, today, from, previousFrom, to],
      );

    const compare = async (from: string, to: string) => {
      const map = (await ok(service, MAP, { from, to }, analyst))['problemMap'];
      const expected = await direct(from, to, map.previousFrom);
      const key = (d: string | null | undefined, c: string | null | undefined) => `${d ?? ''}|${c ?? ''}`;
      const want = new Map(expected.map((r) => [key(r.district_id, r.category_id), r]));
      assert.equal(map.cells.length, expected.length);
      for (const cell of map.cells) {
        const row = want.get(key(cell.district?.id, cell.category?.id));
        assert.ok(row, `unexpected cell ${JSON.stringify(cell)}`);
        assert.deepEqual(
          [cell.registered, cell.closed, cell.overdue, cell.previousRegistered],
          [Number(row.registered), Number(row.closed), Number(row.overdue), Number(row.previous)],
        );
      }
      assert.equal(
        map.registered,
        expected.reduce((s, r) => s + Number(r.registered), 0),
      );
      return map;
    };

    it('equals a direct count over the appeals, for the period and the previous one', async () => {
      const map = await compare(addCalendarDays(today, -179), today);
      assert.equal(map.previousTo, addCalendarDays(today, -180));
      assert.equal(map.previousFrom, addCalendarDays(today, -359));
      assert.ok(map.registered > 5_000);
      await compare(addCalendarDays(today, -400), today);
    });

    it('stays equal after registrations, reclassification and closing (maintained in the same transaction)', async () => {
      const [catA, catB] = categories as [string, string];
      await sql(`update appeal set category_id = ? where registration_number in ('GEN-4', 'GEN-8', 'GEN-12')`, [catB]);
      await sql(`update appeal set state = 'WITHDRAWN', closed_at = now() where registration_number in ('GEN-5', 'GEN-7')`);
      await sql(`delete from appeal where registration_number = 'GEN-11'`);
      const road2 = await ok(service, `query($id: ID!) { appeal(id: $id) { version } }`, { id: planted['road2'] }, registrar);
      await ok(
        service,
        `mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { id } }`,
        {
          input: { appealId: planted['road2'], expectedVersion: road2['appeal'].version, categoryId: catA, districtId: districts[0] },
        },
        registrar,
      );
      const classified = await ok(service, `query($id: ID!) { appeal(id: $id) { version } }`, { id: planted['road2'] }, registrar);
      await ok(
        service,
        `mutation($input: LeaveWithoutConsiderationInput!) { leaveAppealWithoutConsideration(input: $input) { id } }`,
        {
          input: { appealId: planted['road2'], expectedVersion: classified['appeal'].version, ground: 'АППК ст. 89: анонимное обращение' },
        },
        registrar,
      );
      await compare(addCalendarDays(today, -400), today);
      const byCategory = (await ok(service, MAP, { from: addCalendarDays(today, -400), to: today, categoryId: catA }, analyst))['problemMap'];
      assert.ok(byCategory.cells.every((c: { category: { id: string } }) => c.category.id === catA));
    });

    it('gives the geo layer as GeoJSON with ids and facts only, points rounded for analysts', async () => {
      const from = addCalendarDays(today, -400);
      const data = await ok(service, `query($from: Date!, $to: Date!) { problemMapGeoJson(from: $from, to: $to) }`, { from, to: today }, analyst);
      const geo = data['problemMapGeoJson'];
      const withPoint = await sql<{ n: string }>('select count(*) as n from appeal where geo_lat is not null');
      assert.equal(geo.type, 'FeatureCollection');
      assert.equal(geo.features.length, Number(withPoint[0]?.n));
      assert.equal(geo.truncated, false);
      for (const feature of geo.features.slice(0, 200)) {
        assert.deepEqual(Object.keys(feature.properties).sort(), ['appealId', 'categoryId', 'districtId', 'overdue', 'registeredOn', 'state']);
        for (const c of feature.geometry.coordinates) assert.equal(Math.round(c * 1000) / 1000, c);
      }
      assert.doesNotMatch(JSON.stringify(geo), /Житель|\+7700|Обращение/);
    });

    it('refuses a period that ends before it starts, and callers outside analytics', async () => {
      assert.equal((await fails(service, MAP, { from: today, to: addCalendarDays(today, -1) }, analyst)).code, 'BAD_USER_INPUT');
      assert.equal((await fails(service, MAP, { from: today, to: today }, { role: 'citizen', subject: 'c-1' })).code, 'FORBIDDEN');
    });
  });
});
