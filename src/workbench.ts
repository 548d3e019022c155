// The API workbench and the chat tools: hypertext in raw documents, request files, the language-model tools, and Find VM. None
// of it is needed for the first tree paint, so it is a file of its own (dist/workbench.js) that ./workbenchLoader.ts
// loads on first use. It shares every other module with the main bundle (one VcdError class, one settings reader):
// esbuild.mjs builds it with those modules taken from dist/extension.js.
export { registerHypertext } from './documents/hypertextProviders';
export { registerRequestFiles } from './documents/requestFileProviders';
export { createTools } from './tools';
export { sendRequest } from './commands/sendRequest';
export { saveAsRequest } from './commands/saveAsRequest';
export { findVm } from './commands/findVm';
