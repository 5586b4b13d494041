export * from './projector.module';
export * from './projections.cli';
