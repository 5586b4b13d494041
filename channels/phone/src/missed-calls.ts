import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ContactIntake } from '@switchboard/service-desk';
import { callContact } from './call-contact';
import { CALL_LOG } from './call-log';
import type { CallLog, CallRecord } from './call-log';

/** Also looked at every so often: calls another process hung up, or left behind when it died. */
const SAFETY_SWEEP_MS = 15_000;
/** A call whose storing failed is tried again this much later (others go on meanwhile). */
const RETRY_SECONDS = 30;
/** When the next due call is held by another process's sweep, look again this much later. */
const BUSY_RETRY_MS = 1_000;

/**
 * Makes calls hung up without an answer into "Missed call" requests, once their grace period has
 * run out with no late "answered" event. The deadline lives in the call log (the database), so a
 * call survives a restart of the process that received its hangup, and any gateway process may
 * declare it; the log hands each call to one of them.
 */
@Injectable()
export class MissedCalls implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('phone');
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private safety: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private sweepAgain = false;
  private stopped = false;

  constructor(
    @Inject(CALL_LOG) private readonly calls: CallLog,
    @Inject(ContactIntake) private readonly intake: ContactIntake,
  ) {}

  onApplicationBootstrap(): void {
    this.lookIn(0);
    this.safety = setInterval(() => this.lookIn(0), SAFETY_SWEEP_MS);
    this.safety.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.safety);
    await this.sweeping;
  }

  /** Looks for calls to declare missed `ms` from now (or sooner, if already planned). */
  lookIn(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      void this.sweep();
    }, ms);
  }

  /** Declares every call whose grace has run out; resolves when done. */
  sweep(): Promise<void> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    this.sweeping = this.declareDueCalls().finally(() => {
      this.sweeping = undefined;
      if (this.sweepAgain && !this.stopped) {
        this.sweepAgain = false;
        void this.sweep();
      }
    });
    return this.sweeping;
  }

  private async declareDueCalls(): Promise<void> {
    try {
      while (!this.stopped) {
        let taken: CallRecord | undefined;
        try {
          const declared = await this.calls.declareNextMissedCall(async (call) => {
            taken = call;
            return this.store(call);
          });
          if (!declared) break;
        } catch (error) {
          if (!taken) throw error;
          this.logger.warn(`missed call ${taken.callId} not stored (${messageOf(error)}); trying again in ${RETRY_SECONDS} s`);
          await this.calls.postponeMissedCall(taken.callId, RETRY_SECONDS);
        }
      }
      const next = await this.calls.nextMissedCallDueInMs();
      // Due now yet not taken: another process is declaring it.
      if (next !== undefined && !this.stopped) this.lookIn(next > 0 ? Math.ceil(next) + 20 : BUSY_RETRY_MS);
    } catch (error) {
      this.logger.warn(`missed calls not looked at (${messageOf(error)}); looking again in ${RETRY_SECONDS} s`);
      this.lookIn(RETRY_SECONDS * 1000);
    }
  }

  private async store(call: CallRecord): Promise<string> {
    const intake = await this.intake.receive(callContact(call, `Missed call from ${call.caller}`));
    this.logger.log(`missed call ${call.callId} stored in request ${intake.requestId}${intake.duplicate ? ' (already stored)' : ''}`);
    return intake.requestId;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
