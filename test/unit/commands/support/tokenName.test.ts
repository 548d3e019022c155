import * as assert from 'node:assert/strict';
import { newTokenName } from '../../../../src/commands/support/tokenName';

describe('names of rotated API tokens', () => {
  it('names rotated tokens after the site and the date, uniquely', () => {
    const now = new Date(2024, 4, 7, 9, 5);
    assert.equal(newTokenName('Acme', now, []), 'Acme 2024-05-07 09:05');
    assert.equal(newTokenName('Acme', now, ['Acme 2024-05-07 09:05']), 'Acme 2024-05-07 09:05 (2)');
  });
});
