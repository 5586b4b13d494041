import type { Decider } from '../shared/decider';
import type { IncidentCommand } from './incident.commands';
import { decideIncident, evolveIncident } from './incident.decider';
import type { IncidentEvent } from './incident.events';
import { initialIncidentState } from './incident.state';
import type { IncidentState } from './incident.state';

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  decide: decideIncident,
  evolve: evolveIncident,
  initialState: initialIncidentState,
  bookkeeping: ['IncidentSlaClockSet', 'IncidentSlaWarning', 'IncidentSlaBreached'],
};

export const incidentStreamId = (incidentId: string): string => `incident-${incidentId}`;
