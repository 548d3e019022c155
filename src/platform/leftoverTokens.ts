// When a site disappears from `vcd.sites` (edited by hand, removed by Settings Sync, removed in another window), its
// API token must not stay behind in SecretStorage. SecretStorage cannot list its keys, so the ids of the sites this
// extension has known are remembered (ids are `org@host`, no secret) and compared with the settings at activation
// and on every change. While some entry cannot be read at all (a half-typed edit), nothing is deleted: that entry may
// be the site. Pure: the memento and the token store are passed in.

export interface KnownSitesStore {
  get(): readonly string[];
  set(ids: readonly string[]): PromiseLike<void>;
}

export interface LeftoverTokensOptions {
  known: KnownSitesStore;
  deleteToken(siteId: string): Promise<void>;
  log: { info(message: string): void; warn(message: string): void };
}

/** Deletes the tokens of sites that are gone; returns their ids. */
export async function deleteLeftoverTokens(
  settings: { sites: readonly { id: string }[]; unreadableSites: boolean },
  options: LeftoverTokensOptions,
): Promise<string[]> {
  const current = settings.sites.map((s) => s.id);
  if (settings.unreadableSites) {
    // Remember the new ones, forget none.
    const known = options.known.get();
    await options.known.set([...new Set([...known, ...current])]);
    return [];
  }
  const gone = options.known.get().filter((id) => !current.includes(id));
  const deleted: string[] = [];
  for (const id of gone) {
    try {
      await options.deleteToken(id);
      deleted.push(id);
    } catch (err) {
      options.log.warn(`Could not delete the API token of the removed site ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (deleted.length > 0) options.log.info(`Deleted the stored API token of ${deleted.length} site(s) no longer in vcd.sites: ${deleted.join(', ')}`);
  const failed = gone.filter((id) => !deleted.includes(id));
  await options.known.set([...current, ...failed]);
  return deleted;
}
