export * from './catalogue';
export * from './reference-fields';
export * from './service.validation';
export * from './work-group.validation';
export * from './directory-group';
