import { assertNever } from '@switchboard/kernel';
import { AlreadyTakenError, DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { defaultPriority } from '../shared/priority';
import type { IncidentCommand } from './incident.commands';
import type { IncidentEvent } from './incident.events';
import type { Incident, IncidentState } from './incident.state';
import { incidentTransitions } from './incident-transitions';
import { sameSlaClock, slaEscalation, slaMarkDue, withSlaMark } from '../sla/sla-marks';

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
      const { incidentId, requestId, serviceCode, workGroupCode, priority } = command;
      return [{ type: 'IncidentOpened', data: { incidentId, by, at, requestId, serviceCode, workGroupCode, ...(priority ? { priority } : {}) } }];
    }
    case 'AssignIncident': {
      const incident = expectState(command, state);
      if (incident.assigneeId === command.assigneeId) return [];
      const transition = incident.status === 'NEW' ? { from: 'NEW' as const, to: 'ASSIGNED' as const } : undefined;
      return [{ type: 'IncidentAssigned', data: { incidentId: incident.id, by, at, assigneeId: command.assigneeId, transition } }];
    }
    case 'TakeIncident': {
      if (state.exists && state.assigneeId === by) return [];
      if (state.exists && state.assigneeId !== undefined)
        throw new AlreadyTakenError('incident', command.type, state.status, incidentTransitions.TakeIncident, state.assigneeId);
      const incident = expectState(command, state);
      return [
        { type: 'IncidentAssigned', data: { incidentId: incident.id, by, at, assigneeId: by, transition: { from: 'NEW', to: 'ASSIGNED' }, mode: 'taken' } },
      ];
    }
    case 'AutoAssignIncident': {
      // Taken, started or cancelled meanwhile, or a replay: the queue no longer has it, nothing to do.
      if (!state.exists || state.status !== 'NEW' || state.assigneeId !== undefined) return [];
      return [
        {
          type: 'IncidentAssigned',
          data: { incidentId: state.id, by, at, assigneeId: command.assigneeId, transition: { from: 'NEW', to: 'ASSIGNED' }, assignedBy: command.assignedBy },
        },
      ];
    }
    case 'SetIncidentPriority': {
      const incident = expectState(command, state);
      if (incident.priority === command.priority) return [];
      return [
        { type: 'IncidentPrioritySet', data: { incidentId: incident.id, by, at, priority: command.priority, previous: incident.priority ?? defaultPriority } },
      ];
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
      return [
        {
          type: 'IncidentResolved',
          data: { incidentId: incident.id, by, at, resolution: command.resolution, transition: { from: 'IN_WORK', to: 'RESOLVED' } },
        },
      ];
    }
    case 'ResolveIncidentForProblem': {
      const incident = expectState(command, state);
      needsText(command.resolution, 'resolve-needs-resolution', 'Resolving an incident needs a resolution.');
      return [
        {
          type: 'IncidentResolved',
          data: {
            incidentId: incident.id,
            by,
            at,
            resolution: command.resolution,
            transition: { from: incident.status, to: 'RESOLVED' },
            problemId: command.problemId,
          },
        },
      ];
    }
    case 'ReopenIncident': {
      const incident = expectState(command, state);
      needsText(command.reason, 'reopen-needs-reason', 'Reopening an incident needs what the client said.');
      return [{ type: 'IncidentReopened', data: { incidentId: incident.id, by, at, reason: command.reason, transition: { from: 'RESOLVED', to: 'IN_WORK' } } }];
    }
    case 'CloseIncident': {
      const incident = expectState(command, state);
      return [
        {
          type: 'IncidentClosed',
          data: {
            incidentId: incident.id,
            by,
            at,
            requestId: incident.requestId,
            workGroupCode: incident.workGroupCode,
            transition: { from: 'RESOLVED', to: 'CLOSED' },
          },
        },
      ];
    }
    case 'UnlinkIncident': {
      const incident = expectState(command, state);
      needsText(command.reason, 'unlink-needs-reason', 'Unlinking an incident needs a reason.');
      return [
        {
          type: 'IncidentCancelled',
          data: {
            incidentId: incident.id,
            by,
            at,
            requestId: incident.requestId,
            workGroupCode: incident.workGroupCode,
            reason: command.reason,
            transition: { from: incident.status, to: 'CANCELLED' },
          },
        },
      ];
    }
    case 'SetIncidentSlaClock': {
      const incident = expectState(command, state);
      if (sameSlaClock(incident.sla, command.clock)) return [];
      return [{ type: 'IncidentSlaClockSet', data: { incidentId: incident.id, by, at, clock: command.clock } }];
    }
    case 'RecordIncidentSlaMark': {
      const incident = expectState(command, state);
      if (!slaMarkDue(incident.sla, incident.slaMarks, command)) return [];
      const { target, dueAt } = command;
      const events: IncidentEvent[] = [
        command.mark === 'warning'
          ? { type: 'IncidentSlaWarning', data: { incidentId: incident.id, by, at, target, dueAt } }
          : { type: 'IncidentSlaBreached', data: { incidentId: incident.id, by, at, target, dueAt } },
      ];
      const open = incidentTransitions.SetIncidentPriority.includes(incident.status);
      const raised = open ? slaEscalation(command, incident.priority) : undefined;
      if (raised)
        events.push({
          type: 'IncidentPrioritySet',
          data: { incidentId: incident.id, by, at, priority: raised, previous: incident.priority ?? defaultPriority },
        });
      return events;
    }
    default:
      return assertNever(command);
  }
};

export const evolveIncident = (state: IncidentState, event: IncidentEvent): IncidentState => {
  if (event.type === 'IncidentOpened') {
    const d = event.data;
    return {
      exists: true,
      id: d.incidentId,
      requestId: d.requestId,
      status: 'NEW',
      serviceCode: d.serviceCode,
      workGroupCode: d.workGroupCode,
      priority: d.priority,
      narrativeIds: new Set(),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'IncidentAssigned':
      return { ...state, assigneeId: event.data.assigneeId, status: event.data.transition?.to ?? state.status };
    case 'IncidentPrioritySet':
      return { ...state, priority: event.data.priority };
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
    case 'IncidentReopened':
      return { ...state, status: 'IN_WORK' };
    case 'IncidentClosed':
      return { ...state, status: 'CLOSED' };
    case 'IncidentCancelled':
      return { ...state, status: 'CANCELLED' };
    case 'IncidentSlaClockSet':
      return { ...state, sla: event.data.clock };
    case 'IncidentSlaWarning':
      return { ...state, slaMarks: withSlaMark(state.slaMarks, 'warning', event.data.target, event.data.dueAt) };
    case 'IncidentSlaBreached':
      return { ...state, slaMarks: withSlaMark(state.slaMarks, 'breach', event.data.target, event.data.dueAt) };
    default:
      return assertNever(event);
  }
};
