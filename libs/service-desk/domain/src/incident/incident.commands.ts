import type { CommandMeta } from '../shared/command-meta';

export type IncidentCommand =
  | (CommandMeta & { type: 'OpenIncident'; incidentId: string; requestId: string; serviceCode: number; workGroupCode: number })
  | (CommandMeta & { type: 'AssignIncident'; assigneeId: string })
  | (CommandMeta & { type: 'StartIncident' })
  | (CommandMeta & { type: 'PutIncidentOnHold'; reason: string })
  | (CommandMeta & { type: 'ResumeIncident' })
  | (CommandMeta & { type: 'AddNarrative'; narrativeId: string; text: string })
  | (CommandMeta & { type: 'ResolveIncident'; resolution: string })
  | (CommandMeta & { type: 'CloseIncident' })
  | (CommandMeta & { type: 'UnlinkIncident'; reason: string });

export type IncidentCommandType = IncidentCommand['type'];
