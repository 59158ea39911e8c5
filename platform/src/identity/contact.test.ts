import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { emailProblem, normalizeEmail, normalizePhone, phoneProblem } from './contact.ts';

describe('phones', () => {
  it('normalizes a Kazakhstan number in the notations people type to E.164', () => {
    for (const typed of [
      '+77011234567',
      '+7 701 123 45 67',
      '+7 (701) 123-45-67',
      '8 (701) 123-45-67',
      '87011234567',
      '8-701-123-45-67',
      ' +7\u00a0701\u00a0123\u00a04567 ',
    ]) {
      assert.equal(normalizePhone(typed), '+77011234567', typed);
      assert.equal(phoneProblem(typed), null, typed);
      assert.equal(phoneProblem(typed, { kazakhstanOnly: true }), null, typed);
    }
    // A city landline of Astana with its area code.
    assert.equal(normalizePhone('8 (7172) 55-66-77'), '+77172556677');
  });

  it('accepts other countries in E.164 unless only Kazakhstan numbers will do', () => {
    assert.equal(phoneProblem('+49 30 1234567'), null);
    assert.equal(phoneProblem('+998 71 123 45 67'), null);
    assert.match(phoneProblem('+998 71 123 45 67', { kazakhstanOnly: true }) ?? '', /Kazakhstan number/);
  });

  it('refuses SQL, letters and numbers of the wrong length, without quoting the value', () => {
    const injection = `+7 ABC'); DROP TABLE appeal;--`;
    const refused = [
      injection,
      '+7 701 ABC 45 67',
      'seven-o-one',
      '',
      '+',
      '++77011234567',
      '+7 701 123 45 6',
      '+7 701 123 45 678',
      '8 701 123 45 6',
      '7019876543',
      '+123456',
      '+1234567890123456',
      '+0 701 123 45 67',
      '+7.701.123.45.67',
      '+７７０１１２３４５６７',
    ];
    for (const phone of refused) {
      const problem = phoneProblem(phone);
      assert.ok(problem, `${JSON.stringify(phone)} is refused`);
      if (phone.length >= 6) assert.equal(problem.includes(phone), false, `the message does not quote ${JSON.stringify(phone)}`);
    }
    assert.doesNotMatch(phoneProblem(injection) ?? '', /DROP|ABC/);
    assert.match(phoneProblem('+1234567890123456') ?? '', /at most 15 digits/);
    assert.match(phoneProblem('+123456') ?? '', /too short/);
    assert.match(phoneProblem('+7 701 123 45 6') ?? '', /ten digits after \+7/);
  });
});

describe('e-mail addresses', () => {
  it('accepts ordinary addresses, plus tags, subdomains and the Cyrillic .қаз domain', () => {
    for (const email of ['aigerim.seitova@example.kz', 'a+appeals@mail.gov.kz', "o'neil@example.com", 'akimat@әкімдік.қаз', 'x@a-b.kz', '  a@b.kz  ']) {
      assert.equal(emailProblem(email), null, email);
    }
    assert.equal(normalizeEmail('  a@b.kz  '), 'a@b.kz');
  });

  it('refuses what is not an address', () => {
    const refused = [
      '',
      'plain',
      '@example.kz',
      'a@',
      'a@localhost',
      'a@@example.kz',
      'a b@example.kz',
      'a@exa mple.kz',
      '.a@example.kz',
      'a..b@example.kz',
      'a.@example.kz',
      'a@-example.kz',
      'a@example-.kz',
      'a@example..kz',
      'a@127.0.0.1',
      `x'); DROP TABLE appeal;--@example.kz`,
      '<script>@example.kz',
      `${'a'.repeat(65)}@example.kz`,
      `a@${'b'.repeat(64)}.kz`,
      `a@${'b.'.repeat(130)}kz`,
      'Айгерим@example.kz',
    ];
    for (const email of refused) assert.ok(emailProblem(email), `${JSON.stringify(email)} is refused`);
  });
});
