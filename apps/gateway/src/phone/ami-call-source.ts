import { Inject, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AmiClient, PhoneCalls, callEventFromAmi } from '@switchboard/channel-phone';
import { HealthService, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';

/** Call events from Asterisk (AMI_URL): connected at start, a readiness check (`ami`) while configured, reconnected with backoff. */
export class AmiCallSource implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ami');
  private readonly client: AmiClient | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PhoneCalls) private readonly calls: PhoneCalls,
    @Inject(HealthService) health: HealthService,
  ) {
    const url = config.phone.amiUrl;
    if (!url) return;
    this.client = new AmiClient({
      url,
      logger: this.logger,
      onEvent: async (message) => {
        const event = callEventFromAmi(message, new Date());
        if (event) await this.calls.handle(event);
      },
    });
    const client = this.client;
    health.register({
      name: 'ami',
      check: async () => {
        const problem = client.problem;
        if (problem) throw new Error(problem);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.client?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.stop();
  }
}
