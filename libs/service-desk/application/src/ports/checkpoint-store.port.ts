/** Where a process manager remembers the last event position it fully handled. */
export interface CheckpointStore {
  load(name: string): Promise<string | undefined>;
  save(name: string, position: string): Promise<void>;
}

export const CHECKPOINT_STORE = Symbol('CheckpointStore');
