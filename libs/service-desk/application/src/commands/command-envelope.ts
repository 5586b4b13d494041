export type { CommandEnvelope, CommandResult } from '@switchboard/eventstore';
