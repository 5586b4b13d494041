import type { ClickHouseDatabase } from '../clickhouse/clickhouse-database';

/** The part of the catalogue the dashboards need: service and work-group names. */
export interface ServiceCatalogue {
  listServices(): Promise<readonly { readonly code: number; readonly name: string; readonly workGroupCode: number; readonly workGroupName: string }[]>;
}

/** An SLA target of a service; service code 0 is the default for services without their own. */
export interface SlaTarget {
  readonly serviceCode: number;
  readonly firstResponseSeconds: number;
  readonly resolutionSeconds: number;
}

/**
 * Copies service and work-group names into `services`, and configured SLA targets into
 * `sla_targets`. A row is written again only when it changed; the version is the time of writing,
 * so the last write wins.
 */
export class ReferenceDataSync {
  private lastServices = '';

  constructor(
    private readonly database: ClickHouseDatabase,
    private readonly catalogue?: ServiceCatalogue,
  ) {}

  async syncServices(): Promise<number> {
    if (!this.catalogue) return 0;
    const services = [...(await this.catalogue.listServices())].sort((a, b) => a.code - b.code);
    const fingerprint = JSON.stringify(services);
    if (fingerprint === this.lastServices) return 0;
    const version = Date.now();
    await this.database.insert(
      'services',
      services.map((s) => ({ service_code: s.code, service_name: s.name, work_group_code: s.workGroupCode, work_group_name: s.workGroupName, version })),
    );
    this.lastServices = fingerprint;
    return services.length;
  }

  async writeSlaTargets(targets: readonly SlaTarget[]): Promise<void> {
    const version = Date.now();
    await this.database.insert(
      'sla_targets',
      targets.map((t) => ({ service_code: t.serviceCode, first_response_seconds: t.firstResponseSeconds, resolution_seconds: t.resolutionSeconds, version })),
    );
  }
}
