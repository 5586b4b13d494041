/** What an operator's console shows when a customer's call rings. */
export interface ScreenPop {
  readonly callId: string;
  /** E.164 when the caller's number is a phone number. */
  readonly from: string;
  readonly to: string;
  readonly agent?: string;
  /** ISO-8601. */
  readonly at: string;
  /** Our client with the caller's phone number, when there is one. */
  readonly client?: { readonly id: string; readonly name: string; readonly phone: string; readonly organisation?: string };
}

/** Who is listening: an authenticated operator's event stream. */
export interface ScreenPopListener {
  readonly userId: string;
  readonly username: string;
  /** Help-desk operators take calls: they get every call not meant for a known phone. */
  readonly takesCalls: boolean;
  deliver(pop: ScreenPop): void;
}

/** Remembered per listener, so a call ringing twice (PBX, then the operator's phone) pops once. */
const POPPED_MEMORY = 64;

/**
 * Fans screen-pops out to the operators connected to this process. A call ringing at a known
 * operator (`agent` = their username or user id) pops for them alone; any other call pops for every
 * help-desk operator. The pops come from whichever process received the call, through a
 * ScreenPopPublisher every process serving operators' event streams listens to.
 */
export class ScreenPopHub {
  private readonly listeners = new Map<ScreenPopListener, string[]>();
  private readonly closers = new Set<() => void>();

  /** Answers the function that unsubscribes. `onClose` runs when the hub shuts down. */
  subscribe(listener: ScreenPopListener, onClose?: () => void): () => void {
    this.listeners.set(listener, []);
    if (onClose) this.closers.add(onClose);
    return () => {
      this.listeners.delete(listener);
      if (onClose) this.closers.delete(onClose);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Answers how many operators the pop reached. */
  publish(pop: ScreenPop): number {
    const all = [...this.listeners.keys()];
    const addressed = pop.agent ? all.filter((l) => l.username === pop.agent || l.userId === pop.agent) : [];
    const targets = addressed.length ? addressed : all.filter((l) => l.takesCalls);
    let reached = 0;
    for (const listener of targets) {
      const popped = this.listeners.get(listener);
      if (!popped || popped.includes(pop.callId)) continue;
      popped.push(pop.callId);
      if (popped.length > POPPED_MEMORY) popped.shift();
      listener.deliver(pop);
      reached++;
    }
    return reached;
  }

  /** Ends every stream (shutdown: open event streams must not hold the server open). */
  close(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
    this.listeners.clear();
  }
}
