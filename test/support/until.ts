// Waiting for something a test cannot be told about: checks the condition again every 10 ms until it holds, and fails
// with what it waited for after 20 s. A wait on a condition, never a fixed sleep.
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}
