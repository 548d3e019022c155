// Loads the VCD simulator (test/simulator, built by another part of the project) through its contract
// in types.ts, so the UI tests compile even while the implementation is being written.
import * as path from 'node:path';
import type { Simulator, SimulatorOptions } from '../simulator/types';

export type { Simulator, SimulatorOptions, SimVmInfo } from '../simulator/types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const modulePath = path.join(__dirname, '..', 'simulator', 'index.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulator = require(modulePath) as { startSimulator(options: SimulatorOptions): Promise<Simulator> };
  return simulator.startSimulator(options);
}
