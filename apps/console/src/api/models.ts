import type { components, operations } from './schema';

/**
 * The API's answers and bodies under the console's names: every type here is the generated
 * schema's (src/api/schema.d.ts, from the API's OpenAPI document), so a change in the API fails
 * the console's typecheck instead of drifting. The lists of values are checked against the
 * schema's enums both ways (a value the API gains or drops fails the typecheck too).
 */
type Schemas = components['schemas'];
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

export type RequestListItem = Schemas['RequestListItem'];
export type RequestDetail = Schemas['RequestDetail'];
export type IncidentListItem = Schemas['IncidentListItem'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type ConversationEntry = Schemas['ConversationEntry'];
export type Attachment = ConversationEntry['attachments'][number];
export type StatusChange = Schemas['StatusChange'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type NarrativeEntry = Schemas['NarrativeEntry'];
export type ClientRef = Schemas['ClientRef'];
export type Client = Schemas['Client'];
export type ClientCard = Schemas['ClientCard'];
export type ClientSearchAnswer = Schemas['ClientSearch'];
export type ClientHit = ClientSearchAnswer['items'][number];
export type Order = Schemas['Order'];
export type Service = Schemas['Service'];
export type SavedFilter = Schemas['SavedFilter'];
export type DirectoryUser = Schemas['DirectoryUser'];
export type ScreenPop = Schemas['ScreenPop'];
export type AssigneeLoad = Schemas['AssigneeLoad'];
export type RoutingRule = Schemas['RoutingRule'];
export type RoutingRuleBody = Schemas['RoutingRuleBody'];
export type Sla = NonNullable<RequestListItem['sla']>;
export type SlaTarget = NonNullable<Sla['firstResponse']>;
export type SlaPolicy = Schemas['SlaPolicy'];
export type SlaPolicyBody = Schemas['SlaPolicyBody'];
export type Presence = Schemas['Presence'];
export type PresenceStatus = Presence['status'];
export type AutoAssignmentSettings = Schemas['AutoAssignmentSettings'];
export type AutoAssignmentMode = AutoAssignmentSettings['mode'];
/** 202 of every command (an escalation adds `incidentId`). */
export type Accepted = Schemas['Accepted'] & { readonly incidentId?: string };

export type RequestState = RequestListItem['state'];
export type IncidentState = IncidentListItem['state'];
export type Channel = RequestListItem['channel'];
/** P1 most urgent; P3 until a manager sets one. */
export type Priority = RequestListItem['priority'];
export type Access = RequestListItem['access'];
/** What routing may know of the client a contact was identified as. */
export type ClientKind = NonNullable<RoutingRule['conditions']['clientKinds']>[number];
export type ListSort = NonNullable<QueryOf<'listRequests'>['sort']>;
/** What the API accepts from the operator now (`allowedActions` of the detail answers). */
export type RequestAction = RequestDetail['allowedActions'][number];
export type IncidentAction = IncidentDetail['allowedActions'][number];

/** The list filters each list route takes (its query without paging and consistency). */
export type RequestListFilters = Omit<QueryOf<'listRequests'>, 'cursor' | 'limit' | 'minPosition'>;
export type IncidentListFilters = Omit<QueryOf<'listIncidents'>, 'cursor' | 'limit' | 'minPosition' | 'workGroup'>;

/** `values` when they are exactly the members of `T`, no more, no fewer (in the order given, for menus). */
const everyOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): A =>
    values;

export const requestStates = everyOf<RequestState>()(['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED']);
export const incidentStates = everyOf<IncidentState>()(['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED']);
export const priorities = everyOf<Priority>()(['P1', 'P2', 'P3', 'P4']);
export const clientKinds = everyOf<ClientKind>()(['legal-entity', 'person']);
export const channels = everyOf<Channel>()(['telegram', 'sms', 'esb', 'phone', 'email', 'operator', 'portal']);
export const listSorts = everyOf<ListSort>()(['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'dueAt', '-dueAt']);
export const requestActions = everyOf<RequestAction>()(['assign', 'take', 'set-priority', 'link-client', 'link-order', 'reply', 'escalate', 'close']);
export const incidentActions = everyOf<IncidentAction>()([
  'assign',
  'take',
  'set-priority',
  'start',
  'hold',
  'resume',
  'narrative',
  'resolve',
  'reopen',
  'close',
  'unlink',
]);

export const clientHitName = (hit: ClientHit): string =>
  hit.name || [hit.lastName, hit.firstName, hit.middleName].filter(Boolean).join(' ') || hit.organisation || '';

export const isLegacyHit = (hit: ClientHit): boolean => hit.source === 'legacy' || !hit.id;

export type ProblemListItem = Schemas['ProblemListItem'];
export type ProblemDetail = Schemas['ProblemDetail'];
export type ProblemState = ProblemListItem['state'];
export type ProblemAction = ProblemDetail['allowedActions'][number];
export const problemStates = everyOf<ProblemState>()(['OPEN', 'RESOLVED', 'CLOSED']);

export type CommunicationTemplate = Schemas['CommunicationTemplate'];
export type ApiKey = Schemas['ApiKey'];
export type IssuedApiKey = Schemas['IssuedApiKey'];
export type ApiKeyBody = Schemas['ApiKeyBody'];
export type CommunicationTemplateBody = Schemas['UpdateCommunicationTemplateBody'];
export type TemplateLanguage = Schemas['CommunicationTemplatePreview']['language'];

export type SiteSummary = Schemas['SiteSummary'];
export type BuildingSummary = Schemas['BuildingSummary'];
export type BuildingGrid = Schemas['BuildingGrid'];
export type GridUnit = Schemas['GridUnit'];
export type UnitCard = Schemas['UnitCard'];
export type ClientUnit = Schemas['ClientUnit'];
export type UnitType = GridUnit['type'];
export type UnitSlaState = GridUnit['worstSla'];
export const unitTypes: readonly UnitType[] = ['apartment', 'office', 'retail', 'parking', 'storage'];
