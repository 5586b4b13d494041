import type { CommandMeta } from '../shared/command-meta';
import type { Priority } from '../shared/priority';
import type { SlaClock } from '../sla/sla-clock';
import type { SlaTarget } from '../sla/sla-policy';
import type { AssignedBy } from '../assignment/auto-assignment';

export type IncidentCommand =
  | (CommandMeta & { type: 'OpenIncident'; incidentId: string; requestId: string; serviceCode: number; workGroupCode: number; priority?: Priority })
  | (CommandMeta & { type: 'AssignIncident'; assigneeId: string })
  /** An L3 engineer of the work group claims an unassigned incident of its queue (`by` becomes the assignee). */
  | (CommandMeta & { type: 'TakeIncident' })
  /** Automatic assignment hands a queued incident to an engineer; an incident no longer in the queue is left as it is. */
  | (CommandMeta & { type: 'AutoAssignIncident'; assigneeId: string; assignedBy: AssignedBy })
  | (CommandMeta & { type: 'SetIncidentPriority'; priority: Priority })
  | (CommandMeta & { type: 'StartIncident' })
  | (CommandMeta & { type: 'PutIncidentOnHold'; reason: string })
  | (CommandMeta & { type: 'ResumeIncident' })
  | (CommandMeta & { type: 'AddNarrative'; narrativeId: string; text: string })
  | (CommandMeta & { type: 'ResolveIncident'; resolution: string })
  /** The client says the problem persists: back to work from RESOLVED, with what they said. */
  /** The problem it is linked to was closed: resolved from any active state, with the problem's resolution. */
  | (CommandMeta & { type: 'ResolveIncidentForProblem'; problemId: string; resolution: string })
  | (CommandMeta & { type: 'ReopenIncident'; reason: string })
  | (CommandMeta & { type: 'CloseIncident' })
  | (CommandMeta & { type: 'UnlinkIncident'; reason: string })
  | (CommandMeta & { type: 'SetIncidentSlaClock'; clock: SlaClock })
  | (CommandMeta & { type: 'RecordIncidentSlaMark'; mark: 'warning' | 'breach'; target: SlaTarget; dueAt: string; escalate?: boolean });

export type IncidentCommandType = IncidentCommand['type'];
