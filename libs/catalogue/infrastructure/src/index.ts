export * from './migrations/20261123000000-catalogue.migration';
export * from './postgres-catalogue.repository';
export * from './reference-file/reference-csv.format';
export * from './reference-file/reference-file';
export * from './reference-file/reference-file.reader';
export * from './reference-file/reference-json.format';
