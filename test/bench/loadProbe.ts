// One fresh process of the load bench (bench.ts runs many): `node loadProbe.js <mode> <bundle> [builtins,...]`.
//   builtins: requires the Node built-ins the bundle requires, and nothing else (the floor of loading it);
//   activate: requires the bundle with a stubbed `vscode`, calls activate() and the Sites view's first getChildren
//             (one configured site with its token), and a tree item of each root node: the first paint.
// Prints one JSON line: { load, activate } in milliseconds of wall time, and { loadCpu, activateCpu } in milliseconds
// of this process's CPU time (user + system), which other processes on a busy machine inflate less.
import { performance } from 'node:perf_hooks';
import { installFakeVscode } from './fakeVscode';

interface Extension {
  activate(context: unknown): unknown;
}

function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const [mode, bundle, builtins = ''] = process.argv.slice(2);
  if (mode === 'builtins') {
    const cpu = process.cpuUsage();
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const name of builtins.split(',').filter(Boolean)) require(name);
    console.log(JSON.stringify({ load: performance.now() - started, activate: 0, loadCpu: cpuMs(cpu), activateCpu: 0 }));
    return;
  }
  const site = { name: 'Bench', url: 'https://vcd.bench.invalid', org: 'acme' };
  const fake = installFakeVscode({ sites: [site] }, { 'vcd.apiToken/acme@vcd.bench.invalid': 'bench-api-token' });
  const cpu = process.cpuUsage();
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as Extension;
  const loaded = performance.now();
  const loadCpu = cpuMs(cpu);
  const activateFrom = process.cpuUsage();
  extension.activate(fake.context);
  const sites = fake.providers.get('vcd.sites');
  if (sites === undefined) throw new Error('activate() registered no Sites view');
  const roots = (await sites.getChildren(undefined)) ?? [];
  if (roots.length !== 1) throw new Error(`the Sites view shows ${roots.length} root nodes, not the one site`);
  for (const node of roots) await sites.getTreeItem(node);
  const painted = performance.now();
  console.log(JSON.stringify({ load: loaded - started, activate: painted - loaded, loadCpu, activateCpu: cpuMs(activateFrom) }));
  // Timers activate() may have started (none should keep a real VS Code busy) do not hold the bench.
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
