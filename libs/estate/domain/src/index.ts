export * from './estate';
export * from './grid';
export * from './residency';
export * from './site-scope';
export * from './unit-fields';
export * from './unit-label';
