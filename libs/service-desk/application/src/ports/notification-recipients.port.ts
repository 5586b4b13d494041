/** Email addresses of the people to notify, resolved from the catalogue and the user directory. */
export interface NotificationRecipients {
  /** The work group's manager (an SL3Manager). */
  workGroupManagers(workGroupCode: number): Promise<string[]>;
  /** The HelpDeskManagers of a help-desk department. */
  departmentManagers(department: string): Promise<string[]>;
  /** The user's own address (an assignee), none when the directory has none. */
  userEmails(userId: string): Promise<string[]>;
}
