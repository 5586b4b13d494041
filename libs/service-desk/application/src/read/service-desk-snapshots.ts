import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@switchboard/eventstore';
import { incidentDecider, incidentStreamId, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type {
  IncidentCommand,
  IncidentState,
  IncidentStatus,
  RequestCommand,
  RequestState,
  RequestStatus,
  ServiceRequest,
} from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { EVENT_STORE } from '../commands/service-desk.commands';

/** Where an entity stands on the write model: what a 409 answer shows, and the revision to retry with. */
export interface CurrentState {
  readonly status: RequestStatus | IncidentStatus;
  readonly revision: bigint;
}

/** The service desk's read port for what other parts need of the write model's current state. */
@Injectable()
export class ServiceDeskSnapshots {
  private readonly requests: EventSourcedRepository<RequestCommand, ReturnType<typeof requestDecider.decide>[number], RequestState>;
  private readonly incidents: EventSourcedRepository<IncidentCommand, ReturnType<typeof incidentDecider.decide>[number], IncidentState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  /** Undefined when the entity does not exist. */
  async currentState(entity: 'request' | 'incident', id: string): Promise<CurrentState | undefined> {
    const loaded = entity === 'request' ? await this.requests.load(requestStreamId(id)) : await this.incidents.load(incidentStreamId(id));
    return loaded.state.exists ? { status: loaded.state.status, revision: loaded.revision } : undefined;
  }

  /** The request as its stream says now (its client, unit, contact, status); undefined when there is none. */
  async request(id: string): Promise<ServiceRequest | undefined> {
    const loaded = await this.requests.load(requestStreamId(id));
    return loaded.state.exists ? loaded.state : undefined;
  }

  /** The client a request is linked to (null: none yet); undefined when there is no such request. The portal's ownership check. */
  async clientOfRequest(id: string): Promise<string | null | undefined> {
    const loaded = await this.requests.load(requestStreamId(id));
    return loaded.state.exists ? (loaded.state.clientId ?? null) : undefined;
  }
}
