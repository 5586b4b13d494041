export * from './directory-user';
export * from './principal';
export * from './role';
export * from './permissions/permission-catalogue';
export * from './permissions/default-role-permissions';
export * from './permissions/principal-permissions';
export * from './permissions/role-permissions.decider';
export * from './site-staff';
