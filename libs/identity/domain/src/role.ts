export const roles = ['HelpDeskUser', 'HelpDeskManager', 'SL3User', 'SL3Manager'] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
