import type { EventStore } from '@switchboard/eventstore';
import { incidentDecider, incidentStreamId, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import type { QueueItemKind, QueuedItems } from './auto-assignment.ports';

/** Whether an item is in its queue, from its stream (the read models may not have it yet). */
export class EventStoreQueuedItems implements QueuedItems {
  private readonly requests;
  private readonly incidents;

  constructor(store: EventStore) {
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  async isQueued(kind: QueueItemKind, itemId: string): Promise<boolean> {
    const { state } = kind === 'request' ? await this.requests.load(requestStreamId(itemId)) : await this.incidents.load(incidentStreamId(itemId));
    return state.exists && state.status === 'NEW' && state.assigneeId === undefined;
  }

  async queuedRequestDepartment(requestId: string): Promise<string | undefined> {
    const { state } = await this.requests.load(requestStreamId(requestId));
    return state.exists && state.status === 'NEW' && state.assigneeId === undefined ? state.department : undefined;
  }
}
