// Every status of a vApp, VM or template, once: the name query records carry, in the order of the numbers entity
// GETs carry (GOVCD VAppStatuses, starting at -1), with how to say it to a person.
export const RESOURCE_STATUS_WORDS = {
  FAILED_CREATION: 'Failed creation',
  UNRESOLVED: 'Unresolved',
  RESOLVED: 'Powered off (not deployed)',
  DEPLOYED: 'Deployed',
  SUSPENDED: 'Suspended',
  POWERED_ON: 'Powered on',
  WAITING_FOR_INPUT: 'Waiting for input',
  UNKNOWN: 'Unknown state',
  UNRECOGNIZED: 'Unrecognized state',
  POWERED_OFF: 'Powered off',
  INCONSISTENT_STATE: 'Inconsistent state',
  MIXED: 'Mixed states',
  DESCRIPTOR_PENDING: 'Descriptor pending',
  COPYING_CONTENTS: 'Copying contents',
  DISK_CONTENTS_PENDING: 'Disk contents pending',
  QUARANTINED: 'Quarantined',
  QUARANTINE_EXPIRED: 'Quarantine expired',
  REJECTED: 'Rejected',
  TRANSFER_TIMEOUT: 'Transfer timed out',
  VAPP_UNDEPLOYED: 'Undeployed',
  VAPP_PARTIALLY_DEPLOYED: 'Partially deployed',
  PARTIALLY_POWERED_OFF: 'Partially powered off',
  PARTIALLY_SUSPENDED: 'Partially suspended',
} as const;

/** Status names of vApps, VMs and templates as query records carry them. */
export type ResourceStatus = keyof typeof RESOURCE_STATUS_WORDS;

/** The statuses in the order of their numbers (index = number + 1). */
export const RESOURCE_STATUSES = Object.keys(RESOURCE_STATUS_WORDS) as readonly ResourceStatus[];

/** A status in words ("Powered on"); a status this list does not know is said as written. */
export function statusInWords(status: string | undefined): string {
  if (!status) return RESOURCE_STATUS_WORDS.UNKNOWN;
  return (RESOURCE_STATUS_WORDS as Record<string, string>)[status] ?? status.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A status after "it is": "powered off", "in an unknown state", "in mixed states". */
export function statusAfterItIs(status: string | undefined): string {
  const words = statusInWords(status).toLowerCase();
  if (words.endsWith(' states')) return `in ${words}`;
  return words.endsWith(' state') ? `in an ${words}` : words;
}
