import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { reviewPassed, scoreProblems } from './answer-review.ts';

const scores = { completeness: 5, lawfulness: 4, measuresTaken: 3, timeliness: 5, clarity: 4 };

describe('answer review', () => {
  it('passes when every criterion reaches the pass mark', () => {
    assert.equal(reviewPassed(scores), true);
    assert.equal(reviewPassed({ ...scores, clarity: 2 }), false);
  });

  it('reports each score outside 1..5 by its field', () => {
    assert.deepEqual(scoreProblems(scores), []);
    assert.deepEqual(
      scoreProblems({ ...scores, lawfulness: 0, timeliness: 6, clarity: 2.5 }).map((p) => p.field),
      ['scores.lawfulness', 'scores.timeliness', 'scores.clarity'],
    );
  });
});
