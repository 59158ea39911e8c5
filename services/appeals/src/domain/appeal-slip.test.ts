import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { readDocx } from '@bakylau/platform/documents/docx-reader';
import { writeDocx } from '@bakylau/platform/documents/docx-writer';
import { formatCivilDateTime } from '@bakylau/platform/civil-time';
import { slipDocument } from './appeal-slip.ts';
import { localizedName, stateLabel } from './appeal-labels.ts';

describe('appeal slip', () => {
  it('shows Kazakhstan time (UTC+5), also across midnight', () => {
    assert.equal(formatCivilDateTime(new Date('2026-03-02T05:15:00Z')), '02.03.2026 10:15');
    assert.equal(formatCivilDateTime(new Date('2026-03-02T20:05:00Z')), '03.03.2026 01:05');
  });

  it('prints the number, the time, the acceptor and the term, and no applicant', () => {
    const slip = {
      registrationNumber: 'ЖТ-2026-000123',
      registeredAt: new Date('2026-03-02T05:15:00Z'),
      acceptedByName: 'Сапарова А.',
      acceptedByPosition: null,
      organizationName: 'Аппарат акима области',
      kind: 'COMPLAINT' as const,
      termDueDate: '2026-03-31',
    };
    const content = readDocx(writeDocx(slipDocument(slip, new Date('2026-03-02T05:16:00Z'))));
    assert.equal(content.title, 'Талон ЖТ-2026-000123');
    assert.ok(content.paragraphs.includes('Талон о регистрации обращения'));
    const rows = new Map((content.tables[0] ?? []).map(([label, value]) => [label, value]));
    assert.equal(rows.get('Регистрационный номер'), 'ЖТ-2026-000123');
    assert.match(rows.get('Дата и время регистрации') ?? '', /^02\.03\.2026 10:15/);
    assert.equal(rows.get('Вид обращения'), 'Жалоба');
    assert.equal(rows.get('Принял(а)'), 'Сапарова А.');
    assert.equal(rows.get('Должность'), '—');
    assert.equal(rows.get('Срок рассмотрения'), 'до 31.03.2026');
  });

  it('speaks Kazakh to an applicant who chose it', () => {
    const slip = {
      registrationNumber: 'ЖТ-2026-000124',
      registeredAt: new Date('2026-03-02T05:15:00Z'),
      acceptedByName: 'Сапарова А.',
      acceptedByPosition: 'Бас маман',
      organizationName: 'Облыс әкімінің аппараты',
      kind: 'PROPOSAL' as const,
      termDueDate: '2026-03-31',
    };
    const content = readDocx(writeDocx(slipDocument(slip, new Date('2026-03-02T05:16:00Z'), 'KK')));
    assert.ok(content.paragraphs.includes('Өтінішті тіркеу туралы талон'));
    const rows = new Map((content.tables[0] ?? []).map(([label, value]) => [label, value]));
    assert.equal(rows.get('Тіркеу нөмірі'), 'ЖТ-2026-000124');
    assert.equal(rows.get('Өтініштің түрі'), 'Ұсыныс');
    assert.equal(rows.get('Лауазымы'), 'Бас маман');
    assert.equal(rows.get('Қарау мерзімі'), '31.03.2026 дейін');
  });
});

describe('appeal labels', () => {
  it('speaks Russian and Kazakh, falling back to the Russian name when there is no Kazakh one', () => {
    assert.equal(stateLabel('ANSWERED', 'KK'), 'Жауап берілді');
    assert.equal(stateLabel('ANSWERED', 'RU'), 'Дан ответ');
    assert.equal(localizedName({ name: 'Управление ЖКХ', nameKk: null }, 'KK'), 'Управление ЖКХ');
    assert.equal(localizedName({ name: 'ЖКХ', nameKk: 'ТКШ' }, 'KK'), 'ТКШ');
  });
});
