export * from './migrations/20261208200000-estate.migration';
export * from './postgres-estate-import.store';
export * from './postgres-estate.store';
export * from './unit-file/unit-file.reader';
