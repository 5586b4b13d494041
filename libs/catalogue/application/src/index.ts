export * from './catalogue.port';
export * from './reference-data-import.service';
export * from './reference-row';
