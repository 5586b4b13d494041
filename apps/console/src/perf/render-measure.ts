import { useLayoutEffect } from 'react';

/** Marks the arrival of a list's rows (called by the list query), the start of useRenderMeasure. */
export function markRowsArrived(name: string): void {
  if (typeof performance.mark === 'function') performance.mark(`${name}:data`);
}

/**
 * Records how long the rows took from their data's arrival to the committed DOM (React render and
 * commit, before paint) as a performance measure; the browser test reads and prints it.
 */
export function useRenderMeasure(name: string, rows: number, dataUpdatedAt: number) {
  useLayoutEffect(() => {
    if (!dataUpdatedAt || typeof performance.measure !== 'function') return;
    const arrived = performance.getEntriesByName(`${name}:data`, 'mark').at(-1);
    if (arrived) performance.measure(name, { start: arrived.startTime, end: performance.now(), detail: { rows } });
  }, [name, rows, dataUpdatedAt]);
}
