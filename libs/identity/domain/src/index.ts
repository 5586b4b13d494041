export * from './directory-user';
export * from './principal';
export * from './role';
export * from './site-staff';
