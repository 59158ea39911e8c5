import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { readDocx } from './docx-reader.ts';
import { writeDocx } from './docx-writer.ts';
import { signLink, verifySignedLink } from './signed-link.ts';

describe('docx writer and reader', () => {
  it('round-trips the title, paragraphs and tables, escaping markup and dropping control characters', () => {
    const bytes = writeDocx({
      title: 'Отчёт <1>',
      author: 'Bakylau',
      created: new Date('2026-07-01T04:00:00Z'),
      language: 'ru-RU',
      blocks: [
        { kind: 'title', text: 'Отчёт за первое полугодие' },
        { kind: 'heading', text: 'Раздел 1', level: 1 },
        { kind: 'paragraph', text: 'A & B "кавычки"\u0007\nвторая строка' },
        {
          kind: 'table',
          header: ['Район', 'Всего'],
          rows: [
            ['Талдыкорган', '12'],
            ['Текели', '3'],
          ],
        },
        { kind: 'table', header: ['Канал'], rows: [] },
        { kind: 'paragraph', text: 'Конец' },
      ],
    });
    assert.equal(bytes[0], 0x50, 'a zip package starts with PK');
    const content = readDocx(bytes);
    assert.equal(content.title, 'Отчёт <1>');
    assert.deepEqual(content.paragraphs, ['Отчёт за первое полугодие', 'Раздел 1', 'A & B "кавычки"\nвторая строка', 'Конец']);
    assert.deepEqual(content.tables, [
      [
        ['Район', 'Всего'],
        ['Талдыкорган', '12'],
        ['Текели', '3'],
      ],
      [['Канал']],
    ]);
  });

  it('refuses a file that is not a docx package', () => {
    assert.throws(() => readDocx(new TextEncoder().encode('plain text')), { code: 'BAD_USER_INPUT' });
  });
});

describe('signed links', () => {
  const secret = 'test-secret-of-enough-length-000000';
  const now = new Date('2026-11-25T10:00:00Z');
  const params = (link: string) => new URLSearchParams(link.slice(link.indexOf('?') + 1));

  it('accepts its own link until it expires', () => {
    const link = signLink('/documents/a.docx', secret, new Date(now.getTime() + 60_000));
    assert.doesNotThrow(() => verifySignedLink('/documents/a.docx', params(link), secret, now));
    assert.throws(() => verifySignedLink('/documents/a.docx', params(link), secret, new Date(now.getTime() + 120_000)), { code: 'FORBIDDEN' });
  });

  it('refuses another path, another secret, a changed expiry and a missing signature', () => {
    const link = signLink('/documents/a.docx', secret, new Date(now.getTime() + 60_000));
    assert.throws(() => verifySignedLink('/documents/b.docx', params(link), secret, now), { code: 'FORBIDDEN' });
    assert.throws(() => verifySignedLink('/documents/a.docx', params(link), `${secret}x`, now), { code: 'FORBIDDEN' });
    const stretched = params(link);
    stretched.set('expires', String(Number(stretched.get('expires')) + 3600));
    assert.throws(() => verifySignedLink('/documents/a.docx', stretched, secret, now), { code: 'FORBIDDEN' });
    assert.throws(() => verifySignedLink('/documents/a.docx', new URLSearchParams(), secret, now), { code: 'FORBIDDEN' });
  });
});
