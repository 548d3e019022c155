// Bundles the extension into dist/extension.js. Type-checking is `tsc --noEmit` (npm run typecheck).
//
// Ship only what runs. The dependencies bring code this extension can never reach, replaced here by stubs that throw if
// anything ever calls them (each stub says why it is unreachable). axios (the HTTP client) sends string bodies (no
// form-data and its mime database, no form serialisers), never follows redirects (maxRedirects 0: no follow-redirects),
// never applies a proxy itself (proxy: false; inside VS Code its network layer does: no proxy-from-env, no
// https-proxy-agent), always uses the Node http adapter over HTTP/1.1 (no xhr, fetch or HTTP/2), and asks for no progress.
// fast-xml-parser runs with entities, DOCTYPEs and value parsing off (src/vcd/xml.ts). test/unit/bundle.test.ts runs
// every kind of request the extension makes, and the XML safety cases, through a bundle built with these very options.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';

const unreachable = (what) => `throw new Error("${what} is not part of this bundle")`;

/** Packages replaced by a stub wherever they are imported: package -> the stub's source. */
const PACKAGE_STUBS = {
  'form-data': `module.exports = class FormData { constructor() { ${unreachable('form-data')}; } };`,
  'follow-redirects':
    `const no = { request() { ${unreachable('follow-redirects')}; }, get() { ${unreachable('follow-redirects')}; } };\n` +
    'module.exports = { http: no, https: no };',
  'proxy-from-env': 'exports.getProxyForUrl = () => "";',
  'https-proxy-agent': `module.exports = class HttpsProxyAgent { constructor() { ${unreachable('https-proxy-agent')}; } };`,
  // fast-xml-parser asks it about entities a document declares, which src/vcd/xml.ts never processes
  // (processEntities: false; a DOCTYPE is refused). Should it ever be asked, the stub says "unsafe": blocked.
  'is-unsafe': 'export const isUnsafe = () => true; export const HTML = "html"; export const XML = "xml";',
  // fast-xml-parser's entity decoder, built per parser but asked to decode only with processEntities (off: src/vcd/xml.ts
  // decodes the five XML entities and character references itself).
  '@nodable/entities':
    `export class EntityDecoder { reset() {} setXmlVersion() {} addInputEntities() { ${unreachable('entity processing')}; } decode() { ${unreachable('entity processing')}; } }\n` +
    'export const XML = {}, CURRENCY = {}, COMMON_HTML = {}, ENTITY_ACTION = {};',
  // fast-xml-parser's number parsing, reached only with parseTagValue or parseAttributeValue (both off).
  strnum: `export default function toNumber() { ${unreachable('strnum')}; }`,
};

/** Files of a package replaced by a stub when that package imports them: package -> import path -> stub. */
const FILE_STUBS = {
  axios: {
    // The browser adapters (adapter: 'http' always).
    './xhr.js': 'export default false;',
    './fetch.js': 'export const getFetch = () => false; export default false;',
    // Asked only for a proxy axios found in the environment itself, which proxy: false rules out.
    '../helpers/shouldBypassProxy.js': 'export default () => true;',
    // HTTP/2 (httpVersion 2 is never asked): the node:http2 module is not even loaded.
    http2: 'export default {};',
    '../helpers/Http2Sessions.js': `export default class Http2Sessions { getSession() { ${unreachable('HTTP/2')}; } }`,
    // Form data, object bodies and data: URLs (bodies are strings, URLs are https).
    './toFormData.js': `export const DEFAULT_FORM_DATA_MAX_DEPTH = 100; export default function toFormData() { ${unreachable('toFormData')}; }`,
    '../helpers/toFormData.js': `export default function toFormData() { ${unreachable('toFormData')}; }`,
    './helpers/toFormData.js': `export default function toFormData() { ${unreachable('toFormData')}; }`,
    '../helpers/formDataToJSON.js': `export default function formDataToJSON() { ${unreachable('formDataToJSON')}; }`,
    './helpers/formDataToJSON.js': `export default function formDataToJSON() { ${unreachable('formDataToJSON')}; }`,
    '../helpers/formDataToStream.js': `export default function formDataToStream() { ${unreachable('formDataToStream')}; }`,
    '../helpers/readBlob.js': `export default function readBlob() { ${unreachable('readBlob')}; }`,
    '../helpers/fromDataURI.js': `export default function fromDataURI() { ${unreachable('data: URLs')}; }`,
    '../helpers/estimateDataURLDecodedBytes.js': `export function estimateDataURLBufferAllocation() { ${unreachable('data: URLs')}; }`,
    // The table of status names axios exports as axios.HttpStatusCode; neither axios nor this extension reads it.
    './helpers/HttpStatusCode.js': 'export default {};',
    // Upload and download progress and rate limits (none is asked).
    '../helpers/AxiosTransformStream.js': `export default class AxiosTransformStream { constructor() { ${unreachable('progress')}; } }`,
    '../helpers/progressEventReducer.js':
      `const no = () => { ${unreachable('progress')}; }; export const progressEventReducer = no, progressEventDecorator = no, asyncDecorator = no;`,
  },
  'fast-xml-parser': {
    // A DOCTYPE is refused before parsing (src/vcd/xml.ts); the reader is built per parse but never asked to read.
    './DocTypeReader.js': `export default class DocTypeReader { setXmlVersion() {} readDocType() { ${unreachable('DOCTYPE')}; } }`,
  },
};

/**
 * Edits of dependency files, for load time: package -> file in it -> [text, replacement]. A text that is not found
 * fails the build (a new version of the package: look again). axios reads two globals when its modules load, and
 * Node 20 builds them on first read: `FormData` loads its whole fetch implementation (undici, some 30 ms), `Blob`
 * its blob module. Neither is ever used here: FormData only to recognise form-data bodies (bodies are strings; the
 * check by tag that follows it stays), Blob only for data: URLs (stubbed above).
 */
const PATCHES = {
  axios: {
    'lib/utils.js': [["const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;", 'const FormDataCtor = undefined;']],
    'lib/platform/node/index.js': [["Blob: (typeof Blob !== 'undefined' && Blob) || null,", 'Blob: null,']],
  },
};

/** The stubs as the bundle's metafile names its inputs, for the bundle test. */
export const stubbedModules = [
  ...Object.keys(PACKAGE_STUBS).map((pkg) => `stub-package:${pkg}`),
  ...Object.entries(FILE_STUBS).flatMap(([pkg, files]) => Object.keys(files).map((file) => `stub-file:${pkg}:${file}`)),
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const stubs = {
  name: 'unreachable-dependency-code',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${Object.keys(PACKAGE_STUBS).map(escape).join('|')})$`) }, (args) => ({
      path: args.path,
      namespace: 'stub-package',
    }));
    for (const [pkg, files] of Object.entries(FILE_STUBS)) {
      const inPackage = new RegExp(`[\\\\/]node_modules[\\\\/]${escape(pkg)}[\\\\/]`);
      build.onResolve({ filter: new RegExp(`^(${Object.keys(files).map(escape).join('|')})$`) }, (args) =>
        inPackage.test(args.resolveDir + '/') ? { path: `${pkg}:${args.path}`, namespace: 'stub-file' } : undefined,
      );
    }
    for (const [pkg, files] of Object.entries(PATCHES)) {
      for (const [file, edits] of Object.entries(files)) {
        const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${escape(pkg)}[\\\\/]${file.split('/').map(escape).join('[\\\\/]')}$`);
        build.onLoad({ filter }, (args) => {
          let contents = readFileSync(args.path, 'utf8');
          for (const [text, replacement] of edits) {
            if (!contents.includes(text)) throw new Error(`esbuild.mjs: ${pkg}/${file} no longer contains ${JSON.stringify(text)}`);
            contents = contents.replace(text, replacement);
          }
          return { contents, loader: 'js' };
        });
      }
    }
    build.onLoad({ filter: /.*/, namespace: 'stub-package' }, (args) => ({ contents: PACKAGE_STUBS[args.path], loader: 'js' }));
    build.onLoad({ filter: /.*/, namespace: 'stub-file' }, (args) => {
      const at = args.path.indexOf(':');
      return { contents: FILE_STUBS[args.path.slice(0, at)][args.path.slice(at + 1)], loader: 'js' };
    });
  },
};

/**
 * The files only the workbench uses (src/workbench.ts: hypertext, request files, chat tools, Find VM). They go to
 * dist/workbench.js, loaded on first use; the main bundle must not hold them.
 */
export const WORKBENCH_ONLY =
  /^src\/(workbench\.ts|tools\/.*|documents\/(hypertext|scan|hypertextProviders|requestFile|requestFileProviders)\.ts|commands\/(sendRequest|saveAsRequest|findVm|support\/findVmSearch)\.ts)$/;

/** The key under which the main bundle hands a module of src/ to the workbench: `vcd/index`, `platform/errorText`. */
export function sharedKey(file) {
  return file.replace(/^src\//, '').replace(/\.ts$/, '');
}

/**
 * In the workbench build, every module of src/ that is not the workbench's own is taken from the main bundle
 * (`require('./extension.js').workbenchShared[key]`, see src/workbenchLoader.ts), never bundled a second time.
 */
function sharedWithMain(usedKeys) {
  return {
    name: 'shared-with-main',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'shared-with-main') return undefined;
        if (args.namespace === 'shared-with-main') return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'shared-with-main' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const file = relative(process.cwd(), resolved.path).split(sep).join('/');
        if (!file.startsWith('src/') || WORKBENCH_ONLY.test(file)) return { path: resolved.path };
        usedKeys.add(sharedKey(file));
        return { path: sharedKey(file), namespace: 'shared-with-main' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-with-main' }, (args) => ({
        contents: `module.exports = require("./extension.js").workbenchShared[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

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
    // Error classes name themselves (name = 'VcdError'); no code reads a function's or class's name.
    keepNames: false,
    metafile: true,
    logLevel: 'info',
    legalComments: 'none',
    // Quotes, dashes and ellipses of the messages as UTF-8, not as \u escapes (six bytes each).
    charset: 'utf8',
  };
}

/** The workbench's options: the same, for src/workbench.ts, with the modules it shares taken from the main bundle. */
export function workbenchOptions({ production }, usedKeys = new Set()) {
  const options = bundleOptions({ production });
  return {
    ...options,
    entryPoints: ['src/workbench.ts'],
    outfile: 'dist/workbench.js',
    plugins: [sharedWithMain(usedKeys), ...options.plugins],
  };
}

/**
 * Builds both files and checks the split: the main bundle holds none of the workbench's files, the workbench holds
 * no dependency (they are the main bundle's), and the main bundle hands over every module the workbench asks for.
 */
export async function buildAll({ production }) {
  const used = new Set();
  const main = await esbuild.build(bundleOptions({ production }));
  const workbench = await esbuild.build(workbenchOptions({ production }, used));
  const inputs = (result) => Object.keys(result.metafile.inputs);
  const leaked = inputs(main).filter((file) => WORKBENCH_ONLY.test(file));
  if (leaked.length > 0) throw new Error(`the main bundle holds workbench files: ${leaked.join(', ')}`);
  const doubled = inputs(workbench).filter((file) => !WORKBENCH_ONLY.test(file) && !file.startsWith('shared-with-main:'));
  if (doubled.length > 0) throw new Error(`dist/workbench.js bundles what dist/extension.js already holds: ${doubled.join(', ')}`);
  const handed = new Set([...readFileSync('src/workbenchLoader.ts', 'utf8').matchAll(/^ {2}'([\w/]+)': /gm)].map((m) => m[1]));
  const missing = [...used].filter((key) => !handed.has(key));
  if (missing.length > 0) throw new Error(`src/workbenchLoader.ts does not hand the workbench: ${missing.join(', ')}`);
  return { main, workbench, used };
}

async function main() {
  const production = process.argv.includes('--production');
  if (process.argv.includes('--watch')) {
    for (const options of [bundleOptions({ production }), workbenchOptions({ production })]) await (await esbuild.context(options)).watch();
    return;
  }
  const { main, workbench } = await buildAll({ production });
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/meta.json', JSON.stringify(main.metafile));
  const size = (result) => Object.values(result.metafile.outputs).filter((o) => o.entryPoint).reduce((sum, o) => sum + o.bytes, 0);
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`dist/extension.js: ${kib(size(main))}, dist/workbench.js: ${kib(size(workbench))}${production ? ' (production)' : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
