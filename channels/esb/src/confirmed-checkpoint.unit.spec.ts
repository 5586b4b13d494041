import type { CheckpointStore } from '@switchboard/service-desk';
import { ConfirmedCheckpoint } from './confirmed-checkpoint';

class MemoryCheckpoints implements CheckpointStore {
  readonly saved: string[] = [];
  async load(): Promise<string | undefined> {
    return this.saved.at(-1);
  }
  async save(_name: string, position: string): Promise<void> {
    this.saved.push(position);
  }
}

describe('the confirmed checkpoint', () => {
  it('never moves past an event whose publish is not confirmed yet, even when later ones are', async () => {
    const checkpoints = new MemoryCheckpoints();
    const checkpoint = new ConfirmedCheckpoint(checkpoints, 'test');
    const [first, second, third] = ['1', '2', '3'].map((p) => checkpoint.track(p));
    third.settle();
    second.settle();
    await checkpoint.drain(10);
    expect(checkpoints.saved).toEqual([]);
    first.settle();
    await checkpoint.drain(100);
    expect(checkpoints.saved.at(-1)).toBe('3');
  });

  it('holds publishing back while the window of unconfirmed events is full, and fails it on a refused publish', async () => {
    const checkpoint = new ConfirmedCheckpoint(new MemoryCheckpoints(), 'test');
    const entries = ['1', '2'].map((p) => checkpoint.track(p));
    let released = false;
    const waiting = checkpoint.below(2).then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    entries[0].settle();
    await waiting;
    expect(released).toBe(true);
    checkpoint.fail(new Error('nacked'));
    await expect(checkpoint.below(1)).rejects.toThrow('nacked');
  });
});
