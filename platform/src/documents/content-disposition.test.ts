import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { attachmentDisposition } from './content-disposition.ts';

describe('attachment disposition', () => {
  it('gives an ASCII fallback and the UTF-8 name, percent-encoded', () => {
    assert.equal(
      attachmentDisposition('Отчёт (I).docx', 'report-1.docx'),
      `attachment; filename="report-1.docx"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%28I%29.docx`,
    );
    assert.equal(decodeURIComponent('%D0%9E%D1%82%D1%87%D1%91%D1%82%20%28I%29.docx'), 'Отчёт (I).docx');
  });

  it('keeps quotes, backslashes and non-ASCII letters out of the fallback', () => {
    assert.equal(attachmentDisposition('a.docx', 'о"т\\чёт.docx'), `attachment; filename="_______.docx"; filename*=UTF-8''a.docx`);
  });
});
