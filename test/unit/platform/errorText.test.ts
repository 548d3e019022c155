// The one phrasing of errors: the core's facts, the sentence its hint asks for, and the fix offered for it, the same
// for command messages, tree error nodes and documents.
import * as assert from 'node:assert/strict';
import { CancelledByUser, FIX_LABELS, StepFailedError, fixesFor, isCancelled, messageOf, requestDetail } from '../../../src/platform/errorText';
import { VcdError } from '../../../src/vcd';

describe('from an error to the screen (one phrasing, one vocabulary of fixes)', () => {
  const rejected = new VcdError('tokenRejected', 'The API token was rejected by vcd.example.com.', { requestId: 'r-1', request: 'POST https://vcd.example.com/oauth/tenant/acme/token' });

  it('adds what the hint asks of the person to the facts, once', () => {
    assert.equal(messageOf(rejected), 'The API token was rejected by vcd.example.com. Set a new API token.');
    assert.equal(messageOf(new VcdError('noToken', 'No API token is stored for vcd.example.com.')), 'No API token is stored for vcd.example.com. Set an API token.');
    assert.equal(messageOf(new VcdError('unauthorized', 'The session expired.')), 'The session expired. Sign in again and retry.');
    assert.equal(messageOf(new VcdError('forbidden', 'Access refused.')), 'Access refused.', 'no hint, no advice');
    assert.equal(messageOf(new Error('plain')), 'plain');
    assert.equal(messageOf('text'), 'text');
  });

  it('offers the fix the hint names, for a site; Show Log always, last', () => {
    assert.deepEqual(fixesFor(rejected, true), ['setToken', 'showLog']);
    assert.deepEqual(fixesFor(rejected, false), ['showLog'], 'no site: no token to set');
    assert.deepEqual(fixesFor(new VcdError('tlsUntrusted', 'Untrusted.'), true), ['trustCertificate', 'showLog']);
    assert.deepEqual(fixesFor(new VcdError('timeout', 'No answer.'), false), ['retry', 'showLog']);
    assert.deepEqual(fixesFor(new VcdError('tooLarge', 'Too large.'), true), ['showLog'], 'retrying gets the same answer');
    assert.deepEqual(FIX_LABELS.setToken, 'Set API Token…');
  });

  it('a failed step says the whole sentence, offers the fix of its cause but never a retry of the whole', () => {
    const step = new StepFailedError('Created the new token but could not store it; the old one still works.', 'store', new VcdError('timeout', 'No answer.'));
    assert.equal(messageOf(step), 'Created the new token but could not store it; the old one still works.');
    assert.deepEqual(fixesFor(step, true), ['showLog']);
    assert.deepEqual(fixesFor(new StepFailedError('x', 'exchange', rejected), true), ['setToken', 'showLog']);
    assert.equal(requestDetail(new StepFailedError('x', 'exchange', rejected)), 'POST https://vcd.example.com/oauth/tenant/acme/token · Request id r-1');
    assert.equal(requestDetail(new Error('x')), undefined);
  });

  it('cancellation is not an error', () => {
    assert.ok(isCancelled(new CancelledByUser()));
    assert.ok(isCancelled(new VcdError('cancelled', 'Cancelled.')));
    assert.ok(!isCancelled(rejected));
  });
});
