import { DeskQueue } from './desk-queue';
import type { QueuedVisitStep } from './desk-queue';
import { ApiError } from './problem';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const step = (key: string, action: QueuedVisitStep['action'] = 'check-in'): QueuedVisitStep => ({
  key,
  passId: `pass-${key}`,
  action,
  at: '2026-12-08T10:00:00.000Z',
  label: `visitor ${key}`,
});

describe('the security desk’s outbox', () => {
  it('keeps steps made offline, in order, across a reload, and sends each once when the connection returns', async () => {
    const storage = new MemoryStorage();
    let online = false;
    const sent: string[] = [];
    const send = async (s: QueuedVisitStep) => {
      if (!online) throw new ApiError(0, { title: 'no connection' });
      sent.push(s.key);
    };
    const queue = new DeskQueue(storage, send);
    await queue.add(step('a'));
    await queue.add(step('b', 'check-out'));
    expect(queue.snapshot.queued.map((s) => s.key)).toEqual(['a', 'b']);
    expect(sent).toEqual([]);

    const reloaded = new DeskQueue(storage, send);
    expect(reloaded.snapshot.queued.map((s) => s.key)).toEqual(['a', 'b']);
    online = true;
    await Promise.all([reloaded.flush(), reloaded.flush()]);
    expect(sent).toEqual(['a', 'b']);
    expect(reloaded.snapshot.queued).toEqual([]);
    expect(new DeskQueue(storage, send).snapshot.queued).toEqual([]);
  });

  it('takes a step the API refuses out of the queue and shows it as refused; a server error keeps it', async () => {
    const queue = new DeskQueue(new MemoryStorage(), async (s) => {
      if (s.key === 'used') throw new ApiError(409, { title: 'the pass does not admit now', detail: 'already-used' });
      throw new ApiError(503, { title: 'unavailable' });
    });
    await queue.add(step('used'));
    expect(queue.snapshot.refused).toEqual([expect.objectContaining({ key: 'used', status: 409, detail: 'already-used' })]);
    await queue.add(step('later'));
    expect(queue.snapshot.queued.map((s) => s.key)).toEqual(['later']);
    queue.dismissRefused('used');
    expect(queue.snapshot.refused).toEqual([]);
  });
});
