import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { binProblem, checkDigit, iinProblem, withCheckDigit } from './identification-number.ts';

describe('IIN/BIN check digit', () => {
  it('uses the first weight sequence 1..11 when its sum mod 11 is not 10', () => {
    // 9,0,0,1,0,1,3,0,0,0,1 · 1..11 = 9+0+0+4+0+6+21+0+0+0+11 = 51; 51 mod 11 = 7
    assert.equal(checkDigit('90010130001'), 7);
    assert.equal(iinProblem('900101300017'), null);
  });

  it('falls back to the second weight sequence 3..11,1,2 when the first gives 10', () => {
    // 0,0,0,0,0,0,0,0,0,1,0 · 1..11 = 10 → second: 1·1 = 1
    assert.equal(checkDigit('00000000010'), 1);
  });

  it('rejects numbers whose second sum is also 10', () => {
    // first: 1·10 = 10 at index 9 plus index 10 weight 11 ⇒ pick digits so both sums are 10 mod 11
    for (let n = 0; n < 100000; n += 1) {
      const first11 = String(n).padStart(11, '0');
      const digits = Array.from(first11, Number);
      const s1 = digits.reduce((s, d, i) => s + d * (i + 1), 0) % 11;
      const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
      const s2 = digits.reduce((s, d, i) => s + d * (w2[i] ?? 0), 0) % 11;
      if (s1 === 10 && s2 === 10) {
        assert.equal(checkDigit(first11), null);
        assert.equal(withCheckDigit(first11), null);
        return;
      }
    }
    assert.fail('no number with both sums equal to 10 found');
  });

  it('reports a wrong check digit, wrong length and a bad birth date for an IIN', () => {
    assert.match(iinProblem('900101300018') ?? '', /check digit/);
    assert.match(iinProblem('90010130001') ?? '', /12 digits/);
    assert.match(iinProblem('90a101300017') ?? '', /12 digits/);
    const badMonth = withCheckDigit('90130130001');
    assert.ok(badMonth);
    assert.match(iinProblem(badMonth) ?? '', /birth date/);
  });

  it('validates a BIN with its entity-type digit', () => {
    const bin = withCheckDigit('05024000123');
    assert.ok(bin);
    assert.equal(binProblem(bin), null);
    const wrongType = withCheckDigit('05021000123');
    assert.ok(wrongType);
    assert.match(binProblem(wrongType) ?? '', /entity-type/);
    assert.match(binProblem(`${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`) ?? '', /check digit/);
  });
});
