// The core as the extension bundles it: test/unit/bundle.test.ts builds this entry with esbuild.mjs's own options
// (minified, with the stubs for axios's unreachable helpers) and runs every kind of request through the result.
export { VcdClient, fetchVersions, exchangeApiToken, login, probeCertificate, findVms } from '../../src/vcd';
export { TokenService, MemorySecretStore } from '../../src/auth';
export { parseXml, XmlSyntaxError } from '../../src/vcd/xml';
