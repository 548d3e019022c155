// Parsers on the real payload shapes quoted in vcd-api.md (versions, query records, errors, sessions, tokens).
import * as assert from 'node:assert/strict';
import { fixture } from '../fixtures';
import { parseVersions, negotiateVersion, parseQueryPage, parseQueryPageJson, parseQueryAnswer, resourceStatus, vdcStatus, VcdError } from '../../../src/vcd';
import { readServerError } from '../../../src/vcd/serverError';
import { toUserSessionInfo } from '../../../src/vcd/session';
import { toApiTokenInfo } from '../../../src/vcd/tokens';
import { parseJsonObject } from '../../../src/vcd/json';

describe('parsers on real payload shapes', () => {
  it('reads an unsorted SupportedVersions list with deprecated flags and login URLs', () => {
    const versions = parseVersions(fixture('versions.xml'));
    assert.deepEqual(
      versions.map((v) => v.version),
      ['20.0', '33.0', '35.0', '36.0', '37.0', '37.0.0-alpha', '5.5'],
    );
    assert.equal(versions.find((v) => v.version === '5.5')?.deprecated, true);
    assert.equal(versions.find((v) => v.version === '37.0')?.deprecated, false);
    assert.equal(versions.find((v) => v.version === '37.0')?.providerLoginUrl, 'https://192.168.1.109/cloudapi/1.0.0/sessions/provider');
    assert.equal(versions.find((v) => v.version === '35.0')?.providerLoginUrl, undefined);
  });

  it('negotiates the highest non-deprecated version both sides speak, and honours an override', () => {
    const versions = parseVersions(fixture('versions.xml'));
    assert.equal(negotiateVersion(versions), '37.0');
    assert.equal(negotiateVersion(versions, '36.0'), '36.0');
    assert.equal(negotiateVersion(versions, 'auto'), '37.0');
    assert.throws(() => negotiateVersion(versions, '39.1'), (e: unknown) => e instanceof VcdError && e.kind === 'versionMismatch' && /39\.1/.test(e.message));
    const old = versions.filter((v) => Number(v.version) < 36);
    assert.throws(() => negotiateVersion(old), (e: unknown) => e instanceof VcdError && e.kind === 'versionMismatch');
  });

  it('reads a middle query page: total, page, pageSize, nextPage, typed vApp record, entities decoded', () => {
    const page = parseQueryPage('vApp', fixture('query-vapp-page2.xml'));
    assert.equal(page.total, 5);
    assert.equal(page.page, 2);
    assert.equal(page.pageSize, 1);
    assert.equal(page.nextPage, 'https://vcd.example.com/api/query?type=vApp&page=3&pageSize=1&format=records');
    assert.deepEqual(page.records, [
      {
        kind: 'vapp',
        href: 'https://vcd.example.com/api/vApp/vapp-21ef05a0-0000-4000-8000-000000000001',
        name: 'WFBS team QA 1',
        status: 'POWERED_ON',
        vdc: 'https://vcd.example.com/api/vdc/decce037-6d4f-4a3c-8a3b-000000000001',
        vdcName: 'trial-test',
        ownerName: 'system',
        numberOfVMs: 2,
        numberOfCpus: 4,
        memoryAllocationMB: 8192,
        isBusy: false,
        isDeployed: true,
        creationDate: '2017-06-13T05:30:58.467+02:00',
        // Its latest task (non-XSD attributes of the capture).
        task: 'https://vcd.example.com/api/task/7f188bf6-0000-4000-8000-000000000001',
        taskStatus: 'success',
        taskStatusName: 'vappDeploy',
      },
    ]);
  });

  it('reads VM records: absent attributes stay absent, unknown ones ignored, templates told apart, unknown status kept as UNRECOGNIZED', () => {
    const page = parseQueryPage('vm', fixture('query-vm-maloja.xml'));
    assert.equal(page.total, 3);
    assert.equal(page.nextPage, undefined);
    const [vm, templateVm, future] = page.records;
    assert.equal(vm.name, 'Skyscape_CentOS_6_4_x64_50GB_HighMem_v1.0.1-10');
    assert.equal(vm.status, 'POWERED_OFF');
    assert.equal(vm.numberOfCpus, 8);
    assert.equal(vm.memoryMB, 32768);
    assert.equal(vm.hardwareVersion, 8);
    assert.equal(vm.isVAppTemplate, false);
    assert.equal(vm.isDeployed, false);
    assert.equal(vm.containerName, 'vApp_4936.572.853fe2_3');
    assert.equal('ipAddress' in vm, false, 'no ipAddress attribute -> no key');
    assert.equal('vmToolsVersion' in vm, false, 'attributes outside the type are ignored');
    assert.equal(templateVm.isVAppTemplate, true);
    assert.equal(templateVm.status, 'QUARANTINED');
    assert.equal(templateVm.name, 'template-vm & "quoted" ☺');
    assert.equal(future.status, 'UNRECOGNIZED');
    assert.equal(future.numberOfCpus, undefined);
    assert.equal(future.memoryMB, undefined);
    assert.equal(future.isVAppTemplate, false);
  });

  it('reads the JSON form of a query page: typed values, otherAttributes, null as absent, nextPage, no prototype pollution', () => {
    const page = parseQueryPageJson('vm', fixture('query-vm-page.json'));
    assert.equal(page.total, 5);
    assert.equal(page.page, 2);
    assert.equal(page.pageSize, 2);
    assert.equal(page.nextPage, 'https://vcd.example.com/api/query?type=vm&page=3&pageSize=2&format=records');
    const [vm, templateVm] = page.records;
    assert.equal(vm.name, 'web-01 (prod); a,b');
    assert.equal(vm.status, 'POWERED_ON');
    assert.equal(vm.numberOfCpus, 8);
    assert.equal(vm.memoryMB, 32768);
    assert.equal(vm.isDeployed, true);
    assert.equal(vm.isVAppTemplate, false);
    assert.equal('ipAddress' in vm, false, 'null means absent');
    assert.equal(templateVm.isVAppTemplate, true);
    assert.equal(templateVm.numberOfCpus, 2, 'numbers given as text are read too');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('parses a query answer by its content type, whichever format the server chose', () => {
    const json = parseQueryAnswer('vm', fixture('query-vm-page.json'), 'application/vnd.vmware.vcloud.query.records+json;version=38.0');
    assert.equal(json.records.length, 2);
    const xml = parseQueryAnswer('vm', fixture('query-vm-maloja.xml'), 'application/vnd.vmware.vcloud.query.records+xml;version=38.0');
    assert.equal(xml.records.length, 3);
    assert.equal(parseQueryAnswer('vm', fixture('query-vm-maloja.xml'), undefined).total, 3);
  });

  it('rejects a document that is not a query result', () => {
    assert.throws(() => parseQueryPage('vm', fixture('error-403.xml')), /QueryResultRecords/);
    assert.throws(() => parseQueryPage('vm', '<QueryResultRecords total="1"><VMRecord name="a"'));
  });

  it('maps status names and numbers', () => {
    assert.equal(resourceStatus('POWERED_ON'), 'POWERED_ON');
    assert.equal(resourceStatus('4'), 'POWERED_ON');
    assert.equal(resourceStatus('-1'), 'FAILED_CREATION');
    assert.equal(resourceStatus('21'), 'PARTIALLY_SUSPENDED');
    assert.equal(resourceStatus('99'), 'UNRECOGNIZED');
    assert.equal(resourceStatus('TELEPORTED'), 'UNRECOGNIZED');
    assert.equal(vdcStatus('1'), 'READY');
    assert.equal(vdcStatus('READY'), 'READY');
    assert.equal(vdcStatus('-1'), 'FAILED_CREATION');
  });

  it('reads legacy XML errors and CloudAPI / OAuth JSON errors', () => {
    const e406 = readServerError(fixture('error-406.xml'), 'application/vnd.vmware.vcloud.error+xml;version=36.0');
    assert.equal(e406.code, 'NOT_ACCEPTABLE');
    assert.equal(e406.majorErrorCode, 406);
    assert.match(e406.message ?? '', /Supported API versions are/);
    const e403 = readServerError(fixture('error-403.xml'));
    assert.equal(e403.code, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    assert.match(e403.message ?? '', /No access to entity "\(com\.vmware/);
    const grant = readServerError('{"minorErrorCode":"invalid_grant","message":"Invalid refresh token","stackTrace":null}');
    assert.equal(grant.code, 'invalid_grant');
    assert.equal(grant.message, 'Invalid refresh token');
    const oauth = readServerError('{"error":"invalid_grant","error_description":"Invalid refresh token"}');
    assert.equal(oauth.code, 'invalid_grant');
    assert.equal(readServerError('').empty, true);
    assert.equal(readServerError('<!DOCTYPE html><html><body>Proxy</body></html>').html, true);
  });

  it('reads a CloudAPI Session and Token page', () => {
    const session = toUserSessionInfo(parseJsonObject(fixture('session.json')));
    assert.deepEqual(session, {
      id: 'urn:vcloud:session:5f5d1b1c-0000-4000-8000-000000000001',
      userName: 'administrator',
      orgName: 'System',
      roles: ['System Administrator'],
    });
    const page = parseJsonObject(fixture('tokens-page.json'));
    const values = (page.values as Record<string, unknown>[]).map((v) => toApiTokenInfo(v));
    assert.deepEqual(values[0], {
      id: 'urn:vcloud:token:0b0c3a7e-0000-4000-8000-000000000001',
      name: 'my-token',
      type: 'REFRESH',
      ownerName: 'administrator',
      ownerId: 'urn:vcloud:user:8fd38079-0000-4000-8000-000000000001',
      orgName: 'System',
      expirationTimeUtc: '2000-01-23T04:56:07.000+00:00',
    });
    assert.equal(values[1], undefined);
  });
});
