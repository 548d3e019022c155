// The two sites the sandbox configures (application-scoped `vcd.sites`, so they go into the user
// settings): the simulator's tenant organization and its System organization, with the simulator's
// self-signed certificate trusted (its PEM, as Trust This Certificate stores it). Tokens are never part of settings.
import type { Simulator } from '../simulator/types';

export interface SandboxSite {
  name: string;
  url: string;
  org: string;
  trust?: { certificate: string };
}

export function sandboxSites(sim: Simulator): SandboxSite[] {
  const trust = sim.certificate ? { trust: { certificate: sim.certificate.certPem } } : {};
  return [
    { name: 'Demo (tenant)', url: sim.url, org: sim.tenant.org, ...trust },
    { name: 'Demo (provider)', url: sim.url, org: sim.provider.org, ...trust },
  ];
}
