// `npm run test:editor`, part 2: the UI tests (test/ui/**/*.test.js) in plain Node with mocha; each
// drives a real workbench in Chromium. Prints every step, then exactly `N passed, N failed`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { clearScreenshots, screenshotDir, updatingScreenshots } from './session';
import { runAndExit } from '../editor/report';

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

async function main(): Promise<number> {
  clearScreenshots();
  // VCD_TEST_FILES=findVm,roles runs only the files whose names hold one of those words (while iterating).
  const only = (process.env.VCD_TEST_FILES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const files = findTests(__dirname).filter((f) => only.length === 0 || only.some((w) => path.basename(f).includes(w)));
  let passes = 0;
  let failures = 0;
  // One mocha run per file: a story stops at its first failed step (bail), and mocha would also skip every later
  // file's story once anything failed. A test that did not run (a bailed step, `.skip`) counts as failed.
  for (const file of files) {
    const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', forbidOnly: true, color: false });
    mocha.addFile(file);
    await mocha.loadFilesAsync();
    const total = mocha.suite.total();
    let ran = 0;
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => ((passes += 1), (ran += 1)));
      runner.on('fail', (test) => ((failures += 1), (ran += test.type === 'test' ? 1 : 0)));
      runner.on('pending', () => ((failures += 1), (ran += 1)));
    });
    if (ran < total) {
      console.log(`  ${total - ran} later step(s) of ${path.basename(file)} did not run`);
      failures += total - ran;
    }
  }
  console.log(`\nscreenshots: ${path.relative(process.cwd(), screenshotDir)}/${updatingScreenshots() ? ' (README copies updated in media/screenshots/)' : ''}`);
  if (passes + failures === 0) console.log('no UI tests ran');
  console.log(`${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
}

runAndExit(main);
