import { assertNever } from '@switchboard/kernel';
import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import type { IncidentCommand } from './incident.commands';
import type { IncidentEvent } from './incident.events';
import type { Incident, IncidentState } from './incident.state';
import { incidentTransitions } from './incident-transitions';

/** The incident, when the transitions table lets the command run in its state. */
function expectState(command: IncidentCommand, state: IncidentState): Incident {
  const allowed = incidentTransitions[command.type];
  const current = state.exists ? state.status : 'NONE';
  if (!state.exists || !allowed.includes(current)) throw new IllegalTransitionError('incident', command.type, current, allowed);
  return state;
}

function needsText(value: string, rule: string, message: string): void {
  if (!value.trim()) throw new DomainRuleError(rule, message);
}

/** Decides what a command on an incident means, given its history. Pure. */
export const decideIncident = (command: IncidentCommand, state: IncidentState): IncidentEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'OpenIncident': {
      if (state.exists) throw new IllegalTransitionError('incident', command.type, state.status, incidentTransitions.OpenIncident);
      const { incidentId, requestId, serviceCode, workGroupCode } = command;
      return [{ type: 'IncidentOpened', data: { incidentId, by, at, requestId, serviceCode, workGroupCode } }];
    }
    case 'AssignIncident': {
      const incident = expectState(command, state);
      if (incident.assigneeId === command.assigneeId) return [];
      const transition = incident.status === 'NEW' ? { from: 'NEW' as const, to: 'ASSIGNED' as const } : undefined;
      return [{ type: 'IncidentAssigned', data: { incidentId: incident.id, by, at, assigneeId: command.assigneeId, transition } }];
    }
    case 'StartIncident': {
      // Taking a NEW incident straight to work assigns it to whoever takes it.
      const incident = expectState(command, state);
      const assigneeId = incident.status === 'NEW' ? by : (incident.assigneeId ?? by);
      return [{ type: 'IncidentStarted', data: { incidentId: incident.id, by, at, assigneeId, transition: { from: incident.status, to: 'IN_WORK' } } }];
    }
    case 'PutIncidentOnHold': {
      const incident = expectState(command, state);
      needsText(command.reason, 'hold-needs-reason', 'Putting an incident on hold needs a reason.');
      return [{ type: 'IncidentPutOnHold', data: { incidentId: incident.id, by, at, reason: command.reason, transition: { from: 'IN_WORK', to: 'ON_HOLD' } } }];
    }
    case 'ResumeIncident': {
      const incident = expectState(command, state);
      return [{ type: 'IncidentResumed', data: { incidentId: incident.id, by, at, transition: { from: 'ON_HOLD', to: 'IN_WORK' } } }];
    }
    case 'AddNarrative': {
      const incident = expectState(command, state);
      if (incident.narrativeIds.has(command.narrativeId)) return [];
      needsText(command.text, 'narrative-needs-text', 'A narrative entry needs text.');
      return [{ type: 'NarrativeAdded', data: { incidentId: incident.id, by, at, narrativeId: command.narrativeId, text: command.text } }];
    }
    case 'ResolveIncident': {
      const incident = expectState(command, state);
      needsText(command.resolution, 'resolve-needs-resolution', 'Resolving an incident needs a resolution.');
      return [{ type: 'IncidentResolved', data: { incidentId: incident.id, by, at, resolution: command.resolution, transition: { from: 'IN_WORK', to: 'RESOLVED' } } }];
    }
    case 'CloseIncident': {
      const incident = expectState(command, state);
      return [{ type: 'IncidentClosed', data: { incidentId: incident.id, by, at, requestId: incident.requestId, workGroupCode: incident.workGroupCode, transition: { from: 'RESOLVED', to: 'CLOSED' } } }];
    }
    case 'UnlinkIncident': {
      const incident = expectState(command, state);
      needsText(command.reason, 'unlink-needs-reason', 'Unlinking an incident needs a reason.');
      return [
        {
          type: 'IncidentCancelled',
          data: { incidentId: incident.id, by, at, requestId: incident.requestId, workGroupCode: incident.workGroupCode, reason: command.reason, transition: { from: incident.status, to: 'CANCELLED' } },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveIncident = (state: IncidentState, event: IncidentEvent): IncidentState => {
  if (event.type === 'IncidentOpened') {
    const d = event.data;
    return { exists: true, id: d.incidentId, requestId: d.requestId, status: 'NEW', serviceCode: d.serviceCode, workGroupCode: d.workGroupCode, narrativeIds: new Set() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'IncidentAssigned':
      return { ...state, assigneeId: event.data.assigneeId, status: event.data.transition?.to ?? state.status };
    case 'IncidentStarted':
      return { ...state, assigneeId: event.data.assigneeId, status: 'IN_WORK' };
    case 'IncidentPutOnHold':
      return { ...state, status: 'ON_HOLD' };
    case 'IncidentResumed':
      return { ...state, status: 'IN_WORK' };
    case 'NarrativeAdded':
      return { ...state, narrativeIds: new Set([...state.narrativeIds, event.data.narrativeId]) };
    case 'IncidentResolved':
      return { ...state, status: 'RESOLVED' };
    case 'IncidentClosed':
      return { ...state, status: 'CLOSED' };
    case 'IncidentCancelled':
      return { ...state, status: 'CANCELLED' };
    default:
      return assertNever(event);
  }
};
