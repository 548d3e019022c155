// Where a person manages their API tokens in the VCD portal (for SSO users, who cannot sign in with a password here).
import type { Site } from '../platform/settings';

export function portalTokenPageUrl(site: Pick<Site, 'baseUrl' | 'org' | 'isSystem'>): string {
  return site.isSystem
    ? `${site.baseUrl}/provider/administration/settings/user-preferences`
    : `${site.baseUrl}/tenant/${encodeURIComponent(site.org)}/administration/settings/user-preferences`;
}
