export * from './esb-contact.message';
export * from './esb-intake.consumer';
export * from './esb-signature';
export * from './esb-topology';
export * from './integration-event.mapper';
export * from './integration-events.publisher';
