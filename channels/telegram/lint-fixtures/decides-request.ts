import { EventSourcedRepository } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { requestDecider } from '@switchboard/service-desk/domain';

export const unsealed = (store: EventStore) => new EventSourcedRepository(store, requestDecider);
