// What the extension-host test entry (test/integration/index.ts) writes and the runner outside reads.
// No imports: this file is loaded both inside the extension host and by the plain-Node runner.

/** Env var naming the result file; when code-server does not pass it to the extension host, the
 * result goes to `<first workspace folder>/<resultFileName>`. */
export const resultFileEnv = 'VCD_TEST_RESULT_FILE';
export const resultFileName = '.test-results.json';
/** One JSON line per finished test, next to the result file, so the runner can show progress. */
export const progressFileName = '.test-progress.jsonl';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface ExtensionTestResult {
  vscodeVersion: string;
  appName: string;
  /** Whether the extension host saw VCD_TEST_RESULT_FILE. */
  resultFileFromEnv: boolean;
  files?: string[];
  passes: number;
  failures: number;
  tests: TestOutcome[];
  /** Set when the suite could not run at all (e.g. a test file failed to load). */
  error?: string;
  durationMs: number;
}
