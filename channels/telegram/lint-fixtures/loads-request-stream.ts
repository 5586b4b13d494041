import { EventSourcedRepository } from '@switchboard/service-desk';

export const unsealed = EventSourcedRepository;
