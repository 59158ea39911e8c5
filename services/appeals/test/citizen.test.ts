import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { readDocx } from '@bakylau/platform/documents/docx-reader';
import { docxMediaType } from '@bakylau/platform/documents/docx-writer';
import { expectConstantQueries, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { formatCivilDateTime } from '@bakylau/platform/civil-time';
import { appealsService } from '../src/service.ts';
import { ASSIGN, REVIEW, SIGN, SUBMIT, UPSERT_ORG, fails, ok, outboxTypes } from './appeals-helpers.ts';

const admin: TestCaller = { role: 'admin' };
const controller: TestCaller = { role: 'controller', subject: 'controller-c' };
const head: TestCaller = { role: 'department_head', subject: 'head-c' };
const citizenIin = withCheckDigit('85020240001') ?? '';
const otherIin = withCheckDigit('91030350002') ?? '';
const pageOwnerIin = withCheckDigit('88011250003') ?? '';
const goodScores = { completeness: 5, lawfulness: 5, measuresTaken: 5, timeliness: 5, clarity: 5 };

const slipFields = 'slip { registrationNumber registeredAt acceptedByName acceptedByPosition organization { id name } termDueDate documentUrl }';
const REGISTER_WITH_SLIP = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version state dueDate ${slipFields} } }`;
const FILE_WITH_SLIP = `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id version state ${slipFields} } }`;
const RATE = `mutation($input: RateAnswerInput!) { rateAnswer(input: $input) { id version state dueDate reworkCount rating { satisfied comment ratedAt } } }`;
const MY_APPEALS = `query($language: Language, $first: Int) { myAppeals(language: $language, first: $first) {
  totalCount
  edges { node {
    stateLabel kindLabel categoryName districtName organizationName
    statusHistory { state label at }
    appeal { id registrationNumber state dueDate dueDateHistory { dueDate } text applicant { iin } rating { satisfied } slip { registrationNumber } }
  } }
} }`;

describe('appeals: the slip, the rating of the answer, the citizen view', () => {
  let service: TestService;
  let akimat: string;
  let leadOrg: string;
  let ratedOrg: string;
  let categoryId: string;
  let districtId: string;
  let registrar: TestCaller;
  const citizen: TestCaller = { role: 'citizen', subject: 'citizen-c', iin: citizenIin };
  const stranger: TestCaller = { role: 'citizen', subject: 'citizen-stranger' };

  const registration = (overrides: Record<string, unknown> = {}) => ({
    input: {
      kind: 'APPLICATION',
      channel: 'HAND_DELIVERY',
      applicant: { type: 'INDIVIDUAL', name: 'Сейткали Д.', iin: citizenIin },
      summary: 'Не работает уличное освещение',
      text: 'На улице Жансугурова третью неделю не горят фонари.',
      categoryId,
      districtId,
      addresseeId: leadOrg,
      ...overrides,
    },
  });

  /** Registers, assigns to `organizationId`, answers and (under control: reviews and) signs: ANSWERED. */
  async function answeredAppeal(options: { underAkimControl: boolean; organizationId?: string; iin?: string }): Promise<{ id: string; version: number }> {
    const organizationId = options.organizationId ?? leadOrg;
    const executor: TestCaller = { role: 'executor', organizationId, subject: `executor-${organizationId}` };
    const applicant = { type: 'INDIVIDUAL', name: 'Сейткали Д.', iin: options.iin ?? citizenIin };
    let appeal = (
      await ok(service, REGISTER_WITH_SLIP, registration({ underAkimControl: options.underAkimControl, applicant, addresseeId: organizationId }), registrar)
    )['registerAppeal'];
    appeal = (await ok(service, ASSIGN, { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId } } }, registrar))[
      'assignAppeal'
    ];
    appeal = (
      await ok(service, SUBMIT, { input: { appealId: appeal.id, expectedVersion: appeal.version, text: 'Фонари заменены', outcome: 'SATISFIED' } }, executor)
    )['submitAppealAnswer'];
    if (options.underAkimControl) {
      appeal = (
        await ok(service, REVIEW, { input: { appealId: appeal.id, expectedVersion: appeal.version, scores: goodScores, decision: 'ACCEPT' } }, controller)
      )['reviewAppealAnswer'];
    }
    appeal = (await ok(service, SIGN, { input: { appealId: appeal.id, expectedVersion: appeal.version } }, head))['signAppealAnswer'];
    assert.equal(appeal.state, 'ANSWERED');
    return appeal;
  }

  beforeAll(async () => {
    // No jobs: the query-count test measures the service alone.
    service = await startTestService({ ...appealsService, jobs: [] });
    districtId = (
      await ok(service, `mutation { upsertDistrict(input: { name: "Ескельдинский район", nameKk: "Ескелді ауданы", kind: DISTRICT }) { id } }`, {}, admin)
    )['upsertDistrict'].id;
    categoryId = (await ok(service, `mutation { upsertCategory(input: { code: "05", name: "Освещение", nameKk: "Жарықтандыру" }) { id } }`, {}, admin))[
      'upsertCategory'
    ].id;
    akimat = (await ok(service, UPSERT_ORG, { input: { name: 'Аппарат акима области', nameKk: 'Облыс әкімінің аппараты', kind: 'REGIONAL_AKIMAT' } }, admin))[
      'upsertOrganization'
    ].id;
    leadOrg = (
      await ok(service, UPSERT_ORG, { input: { name: 'Управление энергетики', nameKk: 'Энергетика басқармасы', kind: 'AKIMAT_UNIT', parentId: akimat } }, admin)
    )['upsertOrganization'].id;
    ratedOrg = (await ok(service, UPSERT_ORG, { input: { name: 'Управление пассажирского транспорта', kind: 'AKIMAT_UNIT', parentId: akimat } }, admin))[
      'upsertOrganization'
    ].id;
    registrar = { role: 'registrar', subject: 'registrar-c', name: 'Сапарова Айгерим', position: 'Главный специалист канцелярии', organizationId: akimat };
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('the slip', () => {
    it("is returned by registerAppeal with the number, the time and the registrar's name and position", async () => {
      const appeal = (await ok(service, REGISTER_WITH_SLIP, registration(), registrar))['registerAppeal'];
      const slip = appeal.slip;
      assert.match(slip.registrationNumber, /^ЖТ-\d{4}-\d{6}$/);
      assert.equal(slip.acceptedByName, 'Сапарова Айгерим');
      assert.equal(slip.acceptedByPosition, 'Главный специалист канцелярии');
      assert.deepEqual(slip.organization, { id: akimat, name: 'Аппарат акима области' });
      assert.equal(slip.termDueDate, appeal.dueDate);
      assert.ok(slip.documentUrl.startsWith(`http://localhost:4000/documents/slips/${appeal.id}.docx?expires=`), slip.documentUrl);
    });

    it('downloads as a .docx that shows the number, the date and the acceptor; a tampered link is 403', async () => {
      const { slip } = (await ok(service, REGISTER_WITH_SLIP, registration(), registrar))['registerAppeal'];
      // The link names the gateway; the test asks the appeals service behind it.
      const link = new URL(slip.documentUrl);
      const direct = `${new URL(service.url).origin}${link.pathname}${link.search}`;
      const response = await fetch(direct);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), docxMediaType);
      const content = readDocx(new Uint8Array(await response.arrayBuffer()));
      const rows = new Map((content.tables[0] ?? []).map(([label, value]) => [label, value]));
      assert.equal(rows.get('Регистрационный номер'), slip.registrationNumber);
      assert.ok(rows.get('Дата и время регистрации')?.startsWith(formatCivilDateTime(new Date(slip.registeredAt))));
      assert.equal(rows.get('Принял(а)'), 'Сапарова Айгерим');
      assert.equal(rows.get('Должность'), 'Главный специалист канцелярии');

      const signature = link.searchParams.get('signature') ?? '';
      const tampered = new URL(direct);
      tampered.searchParams.set('signature', `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`);
      assert.equal((await fetch(tampered)).status, 403);
      const prolonged = new URL(direct);
      prolonged.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
      assert.equal((await fetch(prolonged)).status, 403);
      // A valid signature of one appeal's slip opens no other.
      const other = (await ok(service, REGISTER_WITH_SLIP, registration(), registrar))['registerAppeal'];
      assert.equal((await fetch(direct.replace(link.pathname, `/documents/slips/${other.id}.docx`))).status, 403);
    });

    it('names the system as the acceptor of an appeal the citizen files electronically', async () => {
      const input = {
        kind: 'PROPOSAL',
        applicant: { type: 'INDIVIDUAL', name: 'Сейткали Д.' },
        summary: 'Предлагаю установить скамейки',
        text: 'В сквере нет скамеек.',
      };
      const { slip } = (await ok(service, FILE_WITH_SLIP, { input }, citizen))['fileAppeal'];
      assert.equal(slip.acceptedByName, 'Единая система Bakylau (электронная регистрация)');
      assert.equal(slip.acceptedByPosition, null);
    });
  });

  describe('the rating of the answer', () => {
    it('reopens review on "not satisfied" for an appeal under control; the controller returns it for rework', async () => {
      let appeal = (await ok(service, REGISTER_WITH_SLIP, registration({ underAkimControl: true }), registrar))['registerAppeal'];
      assert.equal((await fails(service, RATE, { input: { appealId: appeal.id, satisfied: false } }, citizen)).code, 'CONFLICT', 'no rating before the answer');

      appeal = await answeredAppeal({ underAkimControl: true });
      assert.equal((await fails(service, RATE, { input: { appealId: appeal.id, satisfied: false } }, stranger)).code, 'FORBIDDEN');
      assert.equal((await fails(service, RATE, { input: { appealId: appeal.id, satisfied: false } }, registrar)).code, 'FORBIDDEN');
      const tooLong = await fails(service, RATE, { input: { appealId: appeal.id, satisfied: false, comment: 'я'.repeat(2001) } }, citizen);
      assert.equal(tooLong.code, 'BAD_USER_INPUT');
      assert.equal(tooLong.fields[0]?.field, 'comment');

      // The citizen is the applicant by the IIN of their token: the appeal was registered on paper.
      const rated = (await ok(service, RATE, { input: { appealId: appeal.id, satisfied: false, comment: 'Фонари снова не горят' } }, citizen))['rateAnswer'];
      assert.equal(rated.state, 'UNDER_REVIEW');
      assert.deepEqual({ satisfied: rated.rating.satisfied, comment: rated.rating.comment }, { satisfied: false, comment: 'Фонари снова не горят' });
      const events = await outboxTypes(service, appeal.id);
      assert.deepEqual(events.slice(-2), ['kz.bakylau.appeal.answer-rated.v1', 'kz.bakylau.appeal.review-reopened.v1']);
      assert.equal((await fails(service, RATE, { input: { appealId: appeal.id, satisfied: true } }, citizen)).code, 'CONFLICT', 'rated once');

      // The comment is the citizen's words: staff who see personal data read it, analysts do not.
      const asAnalyst = await ok(service, `query($id: ID!) { appeal(id: $id) { rating { satisfied comment } } }`, { id: appeal.id }, { role: 'analyst' });
      assert.deepEqual(asAnalyst['appeal'].rating, { satisfied: false, comment: null });

      // The reopened review waits for the controller, not for a signature.
      assert.equal((await fails(service, SIGN, { input: { appealId: appeal.id, expectedVersion: rated.version } }, head)).code, 'CONFLICT');
      const returned = (
        await ok(
          service,
          REVIEW,
          {
            input: {
              appealId: appeal.id,
              expectedVersion: rated.version,
              scores: { ...goodScores, measuresTaken: 2 },
              decision: 'RETURN',
              remarks: 'Проверить на месте',
              reworkDueDate: rated.dueDate,
            },
          },
          controller,
        )
      )['reviewAppealAnswer'];
      assert.equal(returned.state, 'RETURNED_FOR_REWORK');
      assert.equal(returned.reworkCount, 1);
      assert.equal((await outboxTypes(service, appeal.id)).at(-1), 'kz.bakylau.appeal.returned-for-rework.v1');
    });

    it('closes again with the same signed answer when the controller accepts the reopened review', async () => {
      const appeal = await answeredAppeal({ underAkimControl: true });
      const before = await ok(service, `query($id: ID!) { appeal(id: $id) { finalAnswer { documentId } } }`, { id: appeal.id }, head);
      const rated = (await ok(service, RATE, { input: { appealId: appeal.id, satisfied: false } }, citizen))['rateAnswer'];
      const accepted = (
        await ok(service, REVIEW, { input: { appealId: appeal.id, expectedVersion: rated.version, scores: goodScores, decision: 'ACCEPT' } }, controller)
      )['reviewAppealAnswer'];
      assert.equal(accepted.state, 'ANSWERED');
      assert.equal(accepted.finalAnswer.documentId, before['appeal'].finalAnswer.documentId);
      assert.equal((await outboxTypes(service, appeal.id)).at(-1), 'kz.bakylau.appeal.closed.v1');
    });

    it('does not reopen on "satisfied", nor on "not satisfied" outside the akim\'s control', async () => {
      const controlled = await answeredAppeal({ underAkimControl: true });
      const satisfied = (await ok(service, RATE, { input: { appealId: controlled.id, satisfied: true } }, citizen))['rateAnswer'];
      assert.equal(satisfied.state, 'ANSWERED');
      assert.ok(!(await outboxTypes(service, controlled.id)).includes('kz.bakylau.appeal.review-reopened.v1'));

      const ordinary = await answeredAppeal({ underAkimControl: false });
      const notSatisfied = (await ok(service, RATE, { input: { appealId: ordinary.id, satisfied: false } }, citizen))['rateAnswer'];
      assert.equal(notSatisfied.state, 'ANSWERED');
      assert.equal((await outboxTypes(service, ordinary.id)).at(-1), 'kz.bakylau.appeal.answer-rated.v1');
    });

    it("feeds the organization's indicators", async () => {
      for (const satisfied of [true, true, false]) {
        const appeal = await answeredAppeal({ underAkimControl: false, organizationId: ratedOrg });
        await ok(service, RATE, { input: { appealId: appeal.id, satisfied } }, citizen);
      }
      await answeredAppeal({ underAkimControl: false, organizationId: ratedOrg }); // answered, not rated
      const data = await ok(
        service,
        `query($id: ID!) { organization(id: $id) { appealIndicators { answered ratedSatisfied ratedNotSatisfied satisfactionShare } } }`,
        { id: ratedOrg },
        { role: 'analyst' },
      );
      const indicators = data['organization'].appealIndicators;
      assert.deepEqual(
        { ...indicators, satisfactionShare: Math.round(indicators.satisfactionShare * 1000) / 1000 },
        {
          answered: 4,
          ratedSatisfied: 2,
          ratedNotSatisfied: 1,
          satisfactionShare: 0.667,
        },
      );
    });
  });

  describe('the citizen view', () => {
    const viewer: TestCaller = { role: 'citizen', subject: 'citizen-view', iin: otherIin };

    it("lists the appeals filed by the account and those registered under the token's IIN, in Kazakh, with the history in order", async () => {
      const input = {
        kind: 'COMPLAINT',
        applicant: { type: 'INDIVIDUAL', name: 'Ахметова Г.' },
        summary: 'Жалоба на график автобусов',
        text: 'Автобус №5 не ходит по вечерам.',
        categoryId,
        districtId,
      };
      const filed = (await ok(service, FILE_WITH_SLIP, { input }, viewer))['fileAppeal'];
      const onPaper = (
        await ok(service, REGISTER_WITH_SLIP, registration({ applicant: { type: 'INDIVIDUAL', name: 'Ахметова Г.', iin: otherIin } }), registrar)
      )['registerAppeal'];
      await ok(service, ASSIGN, { input: { appealId: onPaper.id, expectedVersion: onPaper.version, lead: { organizationId: leadOrg } } }, registrar);
      await ok(service, REGISTER_WITH_SLIP, registration(), registrar); // somebody else's (the other IIN)

      const page = (await ok(service, MY_APPEALS, { language: 'KK' }, viewer))['myAppeals'];
      assert.equal(page.totalCount, 2);
      const nodes = page.edges.map((e: { node: unknown }) => e.node);
      assert.deepEqual(
        nodes.map((n: { appeal: { id: string } }) => n.appeal.id),
        [onPaper.id, filed.id],
        'newest first',
      );
      const [paper, own] = nodes;
      assert.equal(paper.stateLabel, 'Орындаушыға жіберілді');
      assert.equal(paper.kindLabel, 'Өтініш');
      assert.equal(paper.categoryName, 'Жарықтандыру');
      assert.equal(paper.districtName, 'Ескелді ауданы');
      assert.equal(paper.organizationName, 'Энергетика басқармасы');
      assert.deepEqual(
        paper.statusHistory.map((h: { state: string; label: string }) => [h.state, h.label]),
        [
          ['REGISTERED', 'Тіркелді'],
          ['ASSIGNED', 'Орындаушыға жіберілді'],
        ],
      );
      assert.ok(paper.statusHistory[0].at <= paper.statusHistory[1].at);
      // Their own appeal, matched by IIN: its personal data are theirs to read.
      assert.equal(paper.appeal.applicant.iin, otherIin);
      assert.ok(paper.appeal.text);
      assert.equal(paper.appeal.dueDateHistory.length, 1);
      assert.equal(own.kindLabel, 'Шағым');
      assert.deepEqual(
        own.statusHistory.map((h: { label: string }) => h.label),
        ['Тіркелді'],
      );

      // Russian by default.
      const russian = (await ok(service, MY_APPEALS, {}, viewer))['myAppeals'];
      assert.equal(russian.edges[0].node.stateLabel, 'Направлено исполнителю');
      assert.equal(russian.edges[0].node.statusHistory[1].label, 'Направлено исполнителю');
    });

    it('without an IIN in the token, lists only what the account filed; staff may not call it', async () => {
      const page = (await ok(service, MY_APPEALS, {}, { role: 'citizen', subject: 'citizen-view' }))['myAppeals'];
      assert.equal(page.totalCount, 1);
      assert.equal(page.edges[0].node.kindLabel, 'Жалоба');
      assert.equal((await fails(service, MY_APPEALS, {}, registrar)).code, 'FORBIDDEN');
    });

    it('costs a constant number of queries per page', async () => {
      const pageOwner: TestCaller = { role: 'citizen', subject: 'citizen-pages', iin: pageOwnerIin };
      for (let i = 0; i < 6; i += 1) {
        const input = {
          kind: 'APPLICATION',
          applicant: { type: 'INDIVIDUAL', name: 'Ким В.' },
          summary: `Обращение ${i}`,
          text: 'Текст.',
          categoryId,
          districtId,
        };
        await ok(service, FILE_WITH_SLIP, { input }, pageOwner);
      }
      await expectConstantQueries(
        service,
        (size) => service.request(MY_APPEALS, { language: 'KK', first: size }, pageOwner),
        (data) => (data['myAppeals'] as { edges: unknown[] }).edges,
        { sizes: [2, 6] },
      );
    });
  });
});
