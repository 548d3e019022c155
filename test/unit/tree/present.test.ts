import * as assert from 'node:assert/strict';
import { escapeMarkdown, memoryInWords, vmIcon, vmTooltip } from '../../../src/tree/present';
import { statusInWords } from '../../../src/vcd/status';
import type { VmRecord } from '../../../src/vcd/types';

describe('tree presentation', () => {
  it('says power states in words', () => {
    assert.equal(statusInWords('POWERED_ON'), 'Powered on');
    assert.equal(statusInWords('POWERED_OFF'), 'Powered off');
    assert.equal(statusInWords('SUSPENDED'), 'Suspended');
    assert.equal(statusInWords('PARTIALLY_POWERED_OFF'), 'Partially powered off');
    assert.equal(statusInWords('SOMETHING_NEW'), 'Something new');
    assert.equal(statusInWords(undefined), 'Unknown state');
  });

  it('colours VM icons by state', () => {
    assert.deepEqual(vmIcon('POWERED_ON'), { id: 'vm-running', color: 'charts.green' });
    assert.equal(vmIcon('POWERED_OFF').id, 'vm-outline');
    assert.deepEqual(vmIcon('SUSPENDED'), { id: 'debug-pause', color: 'charts.yellow' });
    assert.equal(vmIcon('FAILED_CREATION').color, 'charts.red');
    assert.equal(vmIcon('POWERED_ON', true).id, 'loading~spin');
  });

  it('escapes server text in Markdown tooltips', () => {
    const vm: VmRecord = {
      kind: 'vm', href: 'https://h/api/vApp/vm-1', name: '[click](command:evil) <img src=x>', status: 'POWERED_ON', isVAppTemplate: false,
      guestOs: 'Ubuntu *Linux*', numberOfCpus: 4, memoryMB: 8192, ipAddress: '10.0.0.5', containerName: 'web_app', vdcName: 'vdc-1', orgName: 'acme',
    };
    const md = vmTooltip(vm, { orgName: 'acme', vdcName: 'vdc-1', vappName: 'web_app' });
    assert.ok(!md.includes('[click](command:evil)'));
    assert.ok(!/(^|[^\\])<img/.test(md), 'unescaped HTML');
    assert.ok(md.includes('\\[click\\]\\(command:evil\\)'));
    for (const fact of ['Ubuntu \\*Linux\\*', '**CPUs:** 4', '**Memory:** 8 GB', '10\\.0\\.0\\.5', 'web\\_app', 'vdc\\-1', '**Organization:** acme', 'Powered on']) {
      assert.ok(md.includes(fact), `${fact} in ${md}`);
    }
    assert.equal(escapeMarkdown('a\nb'), 'a b');
    assert.equal(memoryInWords(512), '512 MB');
    assert.equal(memoryInWords(1536), '1.5 GB');
  });
});
