// Prints an extension-host suite result the same way for every runner (code-server, desktop): each
// test, the failures in full, then exactly `N passed, N failed`. Returns the process exit code.
import type { ExtensionTestResult, TestOutcome } from './extensionTestResult';

export function printOutcome(t: TestOutcome): void {
  const mark = t.state === 'passed' ? 'ok  ' : 'FAIL';
  console.log(`  ${mark} ${t.title} (${t.durationMs} ms)`);
}

/** `alreadyPrinted`: how many tests were shown while the suite ran (progress). */
export function reportResult(result: ExtensionTestResult, alreadyPrinted: number, note: string): number {
  result.tests.slice(alreadyPrinted).forEach(printOutcome);
  console.log(`\n${result.appName} ${result.vscodeVersion}; ${result.files?.length ?? 0} test files; ${note}`);
  for (const t of result.tests.filter((x) => x.state === 'failed')) {
    console.log(`\n--- FAILED: ${t.title}\n${t.error ?? ''}`);
  }
  let failed = result.failures;
  if (result.error) {
    console.log(`\n--- the suite did not run to the end:\n${result.error}`);
    failed += 1;
  }
  if (result.tests.length === 0) {
    console.log('\n--- no tests ran (expected out/test/integration/suite/**/*.test.js)');
  }
  console.log(`${result.passes} passed, ${failed} failed`);
  return failed === 0 && result.tests.length > 0 ? 0 : 1;
}

/**
 * Runs a test runner's main and exits with its code. A runner that throws (no editor, no browser, a setup failure)
 * counts as one failed test, so CI never reads a crash as "no tests".
 */
export function runAndExit(main: () => Promise<number>, label?: string): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const text = err instanceof Error ? (label === undefined ? err.stack : err.message) : String(err);
      console.error(label === undefined ? text : `${label}: ${text}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
