export * from './catalogue.port';
