import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { createLogger } from './logging.ts';

describe('createLogger', () => {
  it('censors personal data fields at any logged depth', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', level: 'info' }, { write: (line: string) => void lines.push(line) });
    logger.info({ appeal: { applicant: { iin: '900101300123', phone: '+77011234567', address: 'Abay 1' } }, iin: '900101300123' }, 'registered');
    assert.equal(lines.length, 1);
    const line = lines[0] ?? '';
    assert.doesNotMatch(line, /900101300123|77011234567|Abay/);
    assert.match(line, /\[personal data\]/);
    assert.equal((JSON.parse(line) as { service: string }).service, 'test');
  });
});
