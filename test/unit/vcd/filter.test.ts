import * as assert from 'node:assert/strict';
import { filterEq, filterAnd, filterOr, filterNe, filterLike, VcdError } from '../../../src/vcd';
import { QUERY_FIELDS, queryPath } from '../../../src/vcd/query';

describe('filter expressions (35.0+ escaping)', () => {
  it('backslash-escapes ( ) ; , \\ and * inside values', () => {
    assert.equal(filterEq('name', 'web (prod); a,b'), 'name==web \\(prod\\)\\; a\\,b');
    assert.equal(filterEq('name', 'C:\\path*'), 'name==C:\\\\path\\*');
    assert.equal(filterNe('status', 'POWERED_ON'), 'status!=POWERED_ON');
    assert.equal(filterLike('name', 'web(*)'), 'name==web\\(*\\)');
  });

  it('combines with ; and , and parenthesises OR parts inside AND', () => {
    assert.equal(filterAnd(filterEq('a', '1'), '', filterEq('b', '2')), 'a==1;b==2');
    assert.equal(filterAnd(filterOr(filterEq('a', '1'), filterEq('a', '2')), filterEq('b', 'x,y')), '(a==1,a==2);b==x\\,y');
    assert.equal(filterAnd('a==1,a==2', 'b==3'), '(a==1,a==2);b==3');
    assert.equal(filterAnd('a==x\\,y', 'b==3'), 'a==x\\,y;b==3', 'an escaped comma is not an OR');
    assert.equal(filterAnd(), '');
  });

  it('refuses attribute names that would change the expression', () => {
    assert.throws(() => filterEq('name;x', 'a'), (e: unknown) => e instanceof VcdError && e.kind === 'invalidInput');
  });

  it('percent-encodes the filter once in the query URL', () => {
    const path = queryPath('vm', { filter: filterEq('name', 'a&b (1)'), page: 2, pageSize: 128, sortAsc: 'name' });
    assert.equal(path, `/api/query?type=vm&format=records&page=2&pageSize=128&fields=${QUERY_FIELDS.vm}&filter=name%3D%3Da%26b%20%5C%281%5C%29&sortAsc=name`);
    assert.equal(new URL(`https://h${path}`).searchParams.get('filter'), 'name==a&b \\(1\\)');
  });
});
