import type { RoutingRule } from '@switchboard/service-desk/domain';
import type { RoutingRuleSource } from './routing-rules.port';

/**
 * The rules intake evaluates, read at most once per `ttlMs` (ADR 0019): another process's change
 * shows within that time, one made through `invalidate` (this process) at once. A failed reload
 * keeps the rules it had, so a database hiccup does not send every contact to the fallback.
 */
export class CachedRoutingRules implements RoutingRuleSource {
  private rules: readonly RoutingRule[] | undefined;
  private loadedAt = -Infinity;
  private loading: Promise<readonly RoutingRule[]> | undefined;
  // Moves on invalidate: a load that began before a change does not count as fresh.
  private generation = 0;

  constructor(
    private readonly load: () => Promise<readonly RoutingRule[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<readonly RoutingRule[]> {
    if (this.rules && this.now() - this.loadedAt < this.ttlMs) return this.rules;
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  invalidate(): void {
    this.generation++;
    this.loadedAt = -Infinity;
  }

  private async reload(): Promise<readonly RoutingRule[]> {
    const started = this.now();
    const generation = this.generation;
    try {
      const rules = (await this.load()).filter((r) => r.enabled);
      this.rules = rules;
      this.loadedAt = generation === this.generation ? started : -Infinity;
      return rules;
    } catch (error) {
      if (this.rules) return this.rules;
      throw error;
    }
  }
}
