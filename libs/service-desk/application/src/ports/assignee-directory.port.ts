import type { Assignee } from '@switchboard/service-desk/domain';

/** The people requests and incidents may be assigned to, and the departments they may move to. */
export interface AssigneeDirectory {
  /** A user by id or by username; undefined when the directory has neither. */
  find(userIdOrUsername: string): Promise<Assignee | undefined>;
  departmentExists(department: string): Promise<boolean>;
}

export const ASSIGNEE_DIRECTORY = Symbol('AssigneeDirectory');
