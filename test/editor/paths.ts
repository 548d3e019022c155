// Absolute paths the editor harness shares (compiled to out/test/editor/, so the repo is three levels up).
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const outDir = path.join(repoRoot, 'out');
export const vsixPath = path.join(repoRoot, 'cloud-director-explorer.vsix');
export const testResultsDir = path.join(repoRoot, 'test-results');
export const integrationIndex = path.join(outDir, 'test', 'integration', 'index.js');
