// Addresses in the VCD web portals (VCD 10.x): the tenant portal of an organization under /tenant/<org name>, the
// provider portal (System) under /provider. Pure: no vscode import.
//
// Forms and where they were confirmed (public material, read with the search tool):
// - /tenant/<org>: VCD 10.0 Service Provider Admin Portal Guide, "Create an Organization" ("Organization name: the
//   unique identifier that forms the URL for accessing the Tenant Portal of the organization"); VCD Availability 4.6
//   User Guide, "Access the tenant portal" (GUID-FCDE4DE1…: "https://cloud.example.com/tenant/Organization-Name").
// - /tenant/<org>/vdcs/<VDC uuid>/vapp/vapp-<vApp uuid>/vcd-vapp-vms (the vApp's page, its VMs tab): links that
//   public tools build to a real VCD 10 portal (DSU-DefSec/AuthBot util.py get_vapp_url_from_id), and a user script
//   for that portal that acts on pages whose address contains "vcd-vapp-vms" (sgzwach/userscripts
//   vcdsp-vmrc-btn.user.js).
// - /tenant/<org>/vdcs/<VDC uuid> (the VDC): the prefix of the vApp form above; a user script for the same portal
//   matches /tenant/<org>/vdcs/* and says the portal opens a VDC on its VMs list (sgzwach/userscripts
//   vcdsp-vapp-filter-username.user.js).
// - /tenant/<org>/administration/settings/user-preferences and /provider/administration/settings/user-preferences
//   (API tokens): vmware/terraform-provider-vcd website/docs/guides/container_service_extension_4_x_*.
// Not confirmed anywhere public: a page of its own for one VM, and any provider-portal page of a tenant's org, VDC,
// vApp or VM. Those open the nearest confirmed page: a VM its vApp's page (which lists the VM), and on a System site
// the provider portal itself (VCD 10.6 Service Provider Admin Guide: organizations are under Resources → Cloud
// Resources → Organizations).
import type { EntityKind } from '../../vcd';
import type { Site } from '../../platform/settings';

export function portalTokenPageUrl(site: Pick<Site, 'baseUrl' | 'org' | 'isSystem'>): string {
  return site.isSystem
    ? `${site.baseUrl}/provider/administration/settings/user-preferences`
    : `${site.baseUrl}/tenant/${encodeURIComponent(site.org)}/administration/settings/user-preferences`;
}

/** What a portal page is found from: the entity, its organization's name and the uuids on its path. */
export interface PortalTarget {
  kind: EntityKind;
  orgName: string;
  vdcUuid?: string;
  vappUuid?: string;
}

/** Which page opens: the entity's own, or the nearest one that is known. */
export type PortalPageKind = EntityKind | 'provider';

export interface PortalPage {
  url: string;
  page: PortalPageKind;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function portalPage(site: Pick<Site, 'baseUrl' | 'isSystem'>, target: PortalTarget): PortalPage {
  if (site.isSystem) return { url: `${site.baseUrl}/provider`, page: 'provider' };
  const org = `${site.baseUrl}/tenant/${encodeURIComponent(target.orgName)}`;
  const vdc = target.vdcUuid !== undefined && UUID.test(target.vdcUuid) ? `${org}/vdcs/${target.vdcUuid}` : undefined;
  const vapp = vdc !== undefined && target.vappUuid !== undefined && UUID.test(target.vappUuid) ? `${vdc}/vapp/vapp-${target.vappUuid}/vcd-vapp-vms` : undefined;
  if (target.kind === 'org' || vdc === undefined) return { url: org, page: 'org' };
  if (target.kind === 'vdc' || vapp === undefined) return { url: vdc, page: 'vdc' };
  return { url: vapp, page: 'vapp' };
}
