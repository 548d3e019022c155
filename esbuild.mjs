// Bundles the extension into dist/extension.js. Type-checking is `tsc --noEmit` (npm run typecheck).
//
// Ship only what runs. fast-xml-parser's check of declared entities (never reached: entities are not processed) is
// replaced by a stub that blocks. axios (the HTTP client) brings Node-only helpers that this extension can never reach: it
// sends string bodies (no form-data and its mime database), never follows redirects (maxRedirects 0: no
// follow-redirects), never applies a proxy itself (proxy: false; inside VS Code its network layer does: no
// proxy-from-env, no https-proxy-agent), and always uses the Node http adapter (adapter: 'http': no xhr or fetch
// adapter). Those modules are replaced by stubs that throw if anything ever calls them; test/unit/bundle.test.ts
// runs every kind of request the extension makes through a bundle built with these very options.
import * as esbuild from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Modules replaced by a stub: package or file (as axios imports it) -> the stub's source. */
const STUBS = {
  'form-data': 'module.exports = class FormData { constructor() { throw new Error("form-data is not part of this bundle"); } };',
  'follow-redirects':
    'const no = { request() { throw new Error("follow-redirects is not part of this bundle"); }, get() { throw new Error("follow-redirects is not part of this bundle"); } };\n' +
    'module.exports = { http: no, https: no };',
  'proxy-from-env': 'exports.getProxyForUrl = () => "";',
  'https-proxy-agent': 'module.exports = class HttpsProxyAgent { constructor() { throw new Error("https-proxy-agent is not part of this bundle"); } };',
  './xhr.js': 'export default false;',
  './fetch.js': 'export const getFetch = () => false; export default false;',
  // Asked only for a proxy axios found in the environment itself, which proxy: false rules out.
  '../helpers/shouldBypassProxy.js': 'export default () => true;',
  // fast-xml-parser asks it about entities a document declares, which src/vcd/xml.ts never processes
  // (processEntities: false; a DOCTYPE is refused). Should it ever be asked, the stub says "unsafe": blocked.
  'is-unsafe': 'export const isUnsafe = () => true; export const HTML = "html"; export const XML = "xml";',
};

/** The stubbed modules, for the bundle test. */
export const stubbedModules = Object.keys(STUBS);

const stubs = {
  name: 'unreachable-axios-helpers',
  setup(build) {
    build.onResolve({ filter: /^(form-data|follow-redirects|proxy-from-env|https-proxy-agent|is-unsafe)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    // axios's browser adapters and its proxy-bypass helper, only as axios's own adapters import them.
    build.onResolve({ filter: /^(\.\/(xhr|fetch)|\.\.\/helpers\/shouldBypassProxy)\.js$/ }, (args) =>
      /[\\/]axios[\\/]lib[\\/]adapters$/.test(args.resolveDir) ? { path: args.path, namespace: 'stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

/** The bundle options; `entryPoints` and `outfile` may be replaced (the bundle test builds the core with them). */
export function bundleOptions({ production }) {
  return {
    entryPoints: ['src/extension.ts'],
    bundle: true,
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    // VS Code 1.100 runs extensions on Node 20.
    target: 'node20',
    // ESM entries of the dependencies, so that what is not imported can be left out.
    mainFields: ['module', 'main'],
    external: ['vscode'],
    plugins: [stubs],
    sourcemap: production ? false : 'linked',
    minify: production,
    keepNames: true,
    metafile: true,
    logLevel: 'info',
    legalComments: 'none',
    // Quotes, dashes and ellipses of the messages as UTF-8, not as \u escapes (six bytes each).
    charset: 'utf8',
  };
}

async function main() {
  const production = process.argv.includes('--production');
  const options = bundleOptions({ production });
  if (process.argv.includes('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    return;
  }
  const result = await esbuild.build(options);
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
  const bytes = Object.values(result.metafile.outputs)
    .filter((o) => o.entryPoint)
    .reduce((sum, o) => sum + o.bytes, 0);
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
