/** The directory group (Keycloak group name under /work-groups) of a catalogue work group. */
export interface WorkGroupDirectory {
  groupOf(workGroupCode: number): Promise<string | undefined>;
}

export const WORK_GROUP_DIRECTORY = Symbol('WorkGroupDirectory');
