import type { CommunicationChannel } from '../reference/communication-channel';

/** An inline button under a message (Telegram): its label and the callback data it sends back (≤ 64 bytes). */
export interface CommunicationButton {
  readonly text: string;
  readonly data: string;
}

/** The message as one channel carries it, when it differs by channel (a survey: buttons on Telegram, digits by SMS, a link by email). */
export interface ChannelMessage {
  readonly text: string;
  /** Rows of inline buttons; channels without buttons ignore them. */
  readonly buttons?: readonly (readonly CommunicationButton[])[];
}

/** The message of a communication: the text as rendered for the client, and the template it came from. */
export interface CommunicationMessage {
  readonly text: string;
  readonly template?: { readonly id: string; readonly language: 'ru' | 'en'; readonly variables?: Readonly<Record<string, string>> };
  /** Rendered per channel at request time (the channel is chosen later, by the dispatcher); absent for a channel: `text`. */
  readonly variants?: { readonly [C in CommunicationChannel]?: ChannelMessage };
}

/** What the chosen channel's sender sends: that channel's variant, else the text. */
export function messageOn(message: CommunicationMessage, channel: CommunicationChannel): ChannelMessage {
  return message.variants?.[channel] ?? { text: message.text };
}

/** What asked for it: a reply or notice of a request, a mailing, a survey, another system. */
export interface CommunicationOrigin {
  readonly kind: 'request-reply' | 'request-notice' | 'problem-notice' | 'sla-notice' | 'mailing' | 'survey' | 'public-api' | 'operator';
  readonly id: string;
}

interface Base {
  readonly communicationId: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}

export type CommunicationEvent =
  | {
      readonly type: 'CommunicationRequested';
      readonly data: Base & {
        readonly department: string;
        readonly clientId: string;
        readonly communicationType: string;
        readonly message: CommunicationMessage;
        readonly origin?: CommunicationOrigin;
        /** The channel it must go by (a reply on the channel the client wrote on); absent: the department's preference. */
        readonly channel?: CommunicationChannel;
        /** With `channel`: the address it must go to there (the chat or phone a request came from); absent: the client's address on it. */
        readonly address?: string;
      };
    }
  | {
      readonly type: 'CommunicationBooked';
      readonly data: Base & {
        /** ISO 8601: when the dispatcher looks at it again. */
        readonly until: string;
        readonly reason: 'requested' | 'client-unavailable' | 'quiet-hours' | 'rate-limit';
        readonly rule?: string;
      };
    }
  | { readonly type: 'CommunicationCancelled'; readonly data: Base & { readonly reason?: string } }
  | {
      readonly type: 'CommunicationDispatched';
      /** `marketing`: its type is one a client may opt out of (the Telegram message then carries an "Unsubscribe" button). */
      readonly data: Base & { readonly channel: CommunicationChannel; readonly address: string; readonly marketing?: true };
    }
  | { readonly type: 'CommunicationSent'; readonly data: Base & { readonly channel: CommunicationChannel; readonly providerMessageId?: string } }
  | { readonly type: 'CommunicationDelivered'; readonly data: Base }
  | { readonly type: 'CommunicationFailed'; readonly data: Base & { readonly reason: string } }
  | { readonly type: 'CommunicationBlocked'; readonly data: Base & { readonly rule: string; readonly detail: string } };

export type CommunicationEventType = CommunicationEvent['type'];
