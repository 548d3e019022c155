// Resolves when a file appears in a folder (inotify through fs.watch, no polling), or rejects after
// a timeout. cancel() stops watching.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileWait extends Promise<string> {
  cancel(): void;
}

export function watchForFile(dir: string, name: string, timeoutMs: number): FileWait {
  const file = path.join(dir, name);
  let cleanup = (): void => undefined;
  const promise = new Promise<string>((resolve, reject) => {
    const watcher = fs.watch(dir, () => {
      if (fs.existsSync(file)) finish();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${name} did not appear in ${dir} within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    cleanup = () => {
      clearTimeout(timer);
      watcher.close();
    };
    function finish(): void {
      cleanup();
      resolve(file);
    }
    // It may already be there.
    if (fs.existsSync(file)) finish();
  });
  return Object.assign(promise, { cancel: () => cleanup() });
}
