/** The event stream of one communication. */
export const communicationStreamId = (communicationId: string): string => `communication-${communicationId}`;

export const COMMUNICATION_STREAM_PREFIX = 'communication-';
