/**
 * The directory (Keycloak) group of a work group: its catalogue name, slugged ('Network L3' →
 * 'network-l3'), which is how the realm names its groups under /work-groups. The read models'
 * `rm_work_group_access` view applies the same rule in SQL.
 */
export function directoryGroupOf(workGroupName: string): string {
  return workGroupName
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
