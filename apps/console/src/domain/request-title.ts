import type { RequestDetail } from '../api/models';

/** A request from a channel has no subject: its first message names it. */
export function requestTitle(request: Pick<RequestDetail, 'subject' | 'conversation'>): string {
  const first = request.conversation.find((m) => m.kind === 'inbound')?.text ?? '';
  return request.subject || (first.length > 80 ? `${first.slice(0, 79)}…` : first);
}
