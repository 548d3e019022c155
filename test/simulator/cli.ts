// Command line: run the simulator until Ctrl+C.
//   node out/test/simulator/cli.js [--port 8443] [--host 127.0.0.2] [--http] [--vms N] [--seed N] [--latency MS] [--state-file path]
import { writeFileSync } from 'node:fs';
import { startSimulator } from './index';
import type { SimulatorOptions } from './types';

interface CliArgs {
  options: SimulatorOptions;
  stateFile?: string;
}

export function parseArgs(argv: string[]): CliArgs {
  const options: SimulatorOptions = {};
  let stateFile: string | undefined;
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port': options.port = num(a, argv[++i]); break;
      case '--host': options.host = argv[++i]; break;
      case '--http': options.https = false; break;
      case '--vms': options.totalVms = num(a, argv[++i]); break;
      case '--seed': options.seed = num(a, argv[++i]); break;
      case '--latency': options.latencyMs = num(a, argv[++i]); break;
      case '--state-file': stateFile = argv[++i]; break;
      case '--help':
      case '-h':
        throw new Error('usage');
      default: throw new Error(`unknown argument: ${a}`);
    }
  }
  return { options, stateFile };
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message === 'usage' ? '' : `${(e as Error).message}\n`}usage: cli.js [--port 8443] [--host 127.0.0.2] [--http] [--vms N] [--seed N] [--latency MS] [--state-file path]\n`);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(args.options);
  const lines = [
    `VCD simulator listening on ${sim.url}`,
    sim.certificate ? `Certificate SHA-256 fingerprint: ${sim.certificate.fingerprint256}` : 'Plain HTTP (no certificate)',
    `Organizations: ${sim.inventory.orgNames().join(' | ')}`,
    `VMs: ${sim.inventory.count('adminVM')} (incl. template VMs)`,
    '',
    `Tenant   org=${sim.tenant.org} user=${sim.tenant.user} password=${sim.tenant.password}`,
    `         API token: ${sim.tenant.apiToken}`,
    `Provider org=${sim.provider.org} user=${sim.provider.user} password=${sim.provider.password}`,
    `         API token: ${sim.provider.apiToken}`,
    `vApp User org=${sim.vappUser.org} user=${sim.vappUser.user} password=${sim.vappUser.password} (not an org admin: sees only its own and shared vApps)`,
    `         API token: ${sim.vappUser.apiToken}`,
    '',
    'These are throw-away demo credentials of a local simulator. Press Ctrl+C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (args.stateFile) {
    const state = {
      url: sim.url, port: sim.port, fingerprint256: sim.certificate?.fingerprint256, certPem: sim.certificate?.certPem, caPem: sim.certificate?.caPem,
      tenant: sim.tenant, provider: sim.provider, vappUser: sim.vappUser, pid: process.pid,
    };
    writeFileSync(args.stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }
  const stop = (): void => {
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
}
