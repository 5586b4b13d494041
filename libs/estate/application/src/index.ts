export * from './estate.errors';
export * from './estate.port';
export * from './estate-residents.facade';
export * from './residencies.service';
export * from './unit-import.service';
