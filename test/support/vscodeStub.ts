// For plain-Node tests that load a module of the VS Code layer only to read its values (never to run it): `vscode`
// resolves to a stand-in whose every member is an empty class.
import Module from 'node:module';

const stub = new Proxy({}, { get: () => class {} });
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load.bind(loader);

export function stubVscodeModule(): void {
  loader._load = (request: string, ...rest: unknown[]): unknown => (request === 'vscode' ? stub : load(request, ...rest));
}
