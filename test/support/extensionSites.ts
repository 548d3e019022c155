// Sites of an extension-host suite (test/integration/suite): each one saved in vcd.sites for a simulator, its API
// token in SecretStorage and among the secrets the leak scan looks for; all of them removed with their tokens after
// the suite, so that any suite file runs alone or with the others in any order.
import type { CloudDirectorApi } from '../../src/extension';
import type { Simulator } from '../simulator';

type TestApi = NonNullable<CloudDirectorApi['test']>;
type SiteTrust = { certificate?: string; pinnedFingerprint256?: string };

/** What the suites share in the extension host (test/integration/suite/fixture.ts). */
export interface ExtensionFixture {
  api: TestApi;
  secrets: Set<string>;
}

/** The simulator's users whose organization and API token a site can take. */
export type SimUser = 'tenant' | 'provider' | 'vappUser';

export interface SiteSeed {
  /** The name shown in the Sites view. */
  name: string;
  /** Whose site: its organization and, unless `token` says otherwise, its API token (default tenant). */
  user?: SimUser;
  /** Another organization than the user's (then there is no token unless `token` gives one). */
  org?: string;
  /** The API token to store; null: none. */
  token?: string | null;
  /**
   * How the certificate is trusted: the simulator's certificate itself (default), its fingerprint only (as version 0.1
   * saved it), not at all, or as given.
   */
  trust?: 'certificate' | 'fingerprint' | 'none' | SiteTrust;
}

/** The id the extension gives the site of this organization on this simulator. */
export function siteIdOn(sim: Simulator, org: string): string {
  return `${org}@${new URL(sim.url).host}`.toLowerCase();
}

export interface SuiteSites {
  /** Saves the site (and its token) and returns its id. */
  add(sim: Simulator, seed: SiteSeed): Promise<string>;
  /** Removes a site and its token now (also one added through Add Site…). */
  remove(id: string): Promise<void>;
  /** Removes this one too after the suite (a site the suite adds through Add Site…). */
  track(id: string): void;
}

/**
 * The sites of a describe block, removed with their tokens after it. `fixture` is the suite's fixture() (the
 * extension activated, its test API, the secrets seen).
 */
export function useSites(fixture: () => Promise<ExtensionFixture>): SuiteSites {
  const ids = new Set<string>();
  const remove = async (id: string): Promise<void> => {
    const { api } = await fixture();
    const entry = api.config.site(id);
    if (entry) await api.config.removeSite(entry);
    await api.tokens.deleteApiToken(id);
    ids.delete(id);
  };
  after(async () => {
    for (const id of [...ids]) await remove(id);
  });
  return {
    async add(sim, seed) {
      const { api, secrets } = await fixture();
      const user = sim[seed.user ?? 'tenant'];
      const org = seed.org ?? user.org;
      const token = seed.token === undefined ? (org === user.org ? user.apiToken : null) : seed.token;
      const id = siteIdOn(sim, org);
      ids.add(id);
      const trusts = { certificate: { certificate: sim.certificate!.certPem }, fingerprint: { pinnedFingerprint256: sim.certificate!.fingerprint256 }, none: undefined };
      const trust = typeof seed.trust === 'object' ? seed.trust : trusts[seed.trust ?? 'certificate'];
      if (token !== null) {
        secrets.add(token);
        await api.tokens.setApiToken(id, token);
      }
      await api.config.addSite({ name: seed.name, url: sim.url, org, trust });
      return id;
    },
    remove,
    track: (id) => void ids.add(id),
  };
}
