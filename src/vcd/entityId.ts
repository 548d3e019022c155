// The id (URN) of an organization, VDC, vApp or VM: `urn:vcloud:<kind>:<uuid>`, as entities carry it in their `id`
// attribute (vcd-api.md §5: `Vm@id="urn:vcloud:vm:…"`) and `idrecords` queries return it (§4.4). Plain `records`
// queries leave it out, so it is derived from the href, whose form per kind is fixed (§5: /api/org/{uuid},
// /api/vdc/{uuid}, /api/vApp/vapp-{uuid}, /api/vApp/vm-{uuid}; the admin views /api/admin/org|vdc/{uuid}; CloudAPI
// /cloudapi/1.0.0/orgs|vdcs/{urn}). Anything else is refused: no guessing from a link that names something else.

export type EntityKind = 'org' | 'vdc' | 'vapp' | 'vm';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** API paths (without query) that name one entity of each kind; the first group is its uuid. */
const PATHS: Record<EntityKind, RegExp[]> = {
  org: [new RegExp(`^/api/(?:admin/)?org/(${UUID})$`), new RegExp(`^/cloudapi/\\d+\\.\\d+\\.\\d+/orgs/urn:vcloud:org:(${UUID})$`)],
  vdc: [new RegExp(`^/api/(?:admin/)?vdc/(${UUID})$`), new RegExp(`^/cloudapi/\\d+\\.\\d+\\.\\d+/vdcs/urn:vcloud:vdc:(${UUID})$`)],
  vapp: [new RegExp(`^/api/vApp/vapp-(${UUID})$`)],
  vm: [new RegExp(`^/api/vApp/vm-(${UUID})$`)],
};

const URN: Record<EntityKind, RegExp> = {
  org: new RegExp(`^urn:vcloud:org:(${UUID})$`),
  vdc: new RegExp(`^urn:vcloud:vdc:(${UUID})$`),
  vapp: new RegExp(`^urn:vcloud:vapp:(${UUID})$`),
  vm: new RegExp(`^urn:vcloud:vm:(${UUID})$`),
};

/** The uuid an href names for this kind of entity, or undefined when the href is not such an entity's link. */
export function uuidOfHref(kind: EntityKind, href: string | undefined): string | undefined {
  if (href === undefined || href === '') return undefined;
  let path: string;
  try {
    // Relative paths are read against a placeholder host: only the path matters here.
    path = new URL(href, 'https://host.invalid').pathname;
  } catch {
    return undefined;
  }
  for (const pattern of PATHS[kind]) {
    const match = pattern.exec(path);
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}

/**
 * The URN of an entity from what its record gives: the `id` when it is a URN of that kind, else derived from the
 * href. Undefined when neither looks like an id of that kind, or when the two name different entities.
 */
export function entityUrn(kind: EntityKind, source: { href?: string; id?: string }): string | undefined {
  const fromHref = uuidOfHref(kind, source.href);
  const id = source.id?.trim();
  const fromId = id ? URN[kind].exec(id)?.[1].toLowerCase() : undefined;
  if (fromId !== undefined && fromHref !== undefined && fromId !== fromHref) return undefined;
  const uuid = fromId ?? fromHref;
  return uuid === undefined ? undefined : `urn:vcloud:${kind}:${uuid}`;
}
