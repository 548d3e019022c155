// Loads a module of the VS Code layer in plain Node, where there is no `vscode` module: while it loads, `vscode`
// resolves to a stand-in whose every member is a callable, constructible stand-in again. Only for reading what the
// module defines at load time (a table of ids, say); nothing in it can talk to an editor.
import Module from 'node:module';

type Resolver = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolver };
const STUB_ID = 'vscode (stand-in for plain Node)';

const standIn: object = new Proxy(function standIn() {}, {
  get: (_target, key) => (key === '__esModule' ? false : key === Symbol.toPrimitive ? () => STUB_ID : standIn),
  apply: () => standIn,
  construct: () => standIn,
});

/** `require(file)` with `vscode` replaced by the stand-in; the replacement ends when the module has loaded. */
export function requireWithoutVscode(file: string): unknown {
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  const cache = require.cache as Record<string, NodeJS.Module | undefined>;
  cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: standIn } as NodeJS.Module;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as unknown;
  } finally {
    loader._resolveFilename = resolve;
    delete cache[STUB_ID];
  }
}
