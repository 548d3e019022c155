// The simulator in its own process for the bench, so that serving pages does not share the client's event loop.
// Protocol over IPC: on start it sends { ready }, then answers { cmd: 'counters' | 'reset' | 'close' }.
import { startSimulator, SimulatorOptions } from '../simulator';

export interface SimReady {
  type: 'ready';
  url: string;
  caPem: string;
  provider: { org: string; apiToken: string };
  tenant: { org: string; apiToken: string };
  adminVmCount: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  const ready: SimReady = {
    type: 'ready',
    url: sim.url,
    caPem: sim.certificate!.caPem,
    provider: { org: sim.provider.org, apiToken: sim.provider.apiToken },
    tenant: { org: sim.tenant.org, apiToken: sim.tenant.apiToken },
    adminVmCount: sim.inventory.count('adminVM'),
  };
  process.send!(ready);
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'counters') {
      process.send!({ type: 'counters', counters: sim.counters });
    } else if (msg.cmd === 'reset') {
      sim.resetCounters();
      process.send!({ type: 'reset' });
    } else if (msg.cmd === 'close') {
      void sim.close().then(() => process.exit(0));
    }
  });
}

void main();
