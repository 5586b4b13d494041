import { useSyncExternalStore } from 'react';

/** Whether the API answered lately: drives the "API or connection down" banner. */
export type ConnectionState = 'ok' | 'offline' | 'api-down';

let state: ConnectionState = 'ok';
const listeners = new Set<() => void>();

export function reportConnection(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
