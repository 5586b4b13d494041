export * from './config-error';
export * from './config-variables';
export * from './load-config';
export * from './switchboard-config';
export * from './config.token';
