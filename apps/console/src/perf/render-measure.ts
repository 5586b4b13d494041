import { useLayoutEffect, useRef, useState } from 'react';

/** Marks the arrival of a list's rows (called by the list query), the start of useRenderMeasure. */
export function markRowsArrived(name: string): void {
  if (typeof performance.mark === 'function') performance.mark(`${name}:data`);
}

const measuredMarks = new Map<string, number>();

/**
 * Performance measures of a list, read and printed by the browser test:
 * - `<name>:mount`: the table's first render and commit (React and the DOM, before paint), from
 *   the moment it started rendering: what rendering N rows costs, network aside;
 * - `<name>`: from the rows' arrival from the API to the committed DOM, once per arrival (a screen
 *   shown from the cache has no arrival to measure from).
 */
export function useRenderMeasure(name: string, rows: number, dataUpdatedAt: number) {
  const [renderStarted] = useState(() => (typeof performance.now === 'function' ? performance.now() : 0));
  const mountMeasured = useRef(false);
  useLayoutEffect(() => {
    // Only the first commit: a later one is not a mount.
    if (mountMeasured.current || typeof performance.measure !== 'function') return;
    mountMeasured.current = true;
    performance.measure(`${name}:mount`, { start: renderStarted, end: performance.now(), detail: { rows } });
  }, [name, rows, renderStarted]);
  useLayoutEffect(() => {
    if (!dataUpdatedAt || typeof performance.measure !== 'function') return;
    const arrived = performance.getEntriesByName(`${name}:data`, 'mark').at(-1);
    if (!arrived || arrived.startTime <= (measuredMarks.get(name) ?? -1)) return;
    measuredMarks.set(name, arrived.startTime);
    performance.measure(name, { start: arrived.startTime, end: performance.now(), detail: { rows } });
  }, [name, rows, dataUpdatedAt]);
}
