import type { MikroORM } from '@mikro-orm/postgresql';
import { CatalogueMigration20261123000000 } from '@switchboard/catalogue/infrastructure';
import { CustomersMigration20261123000100 } from '@switchboard/customers/infrastructure';
import { CustomersClientHistoryMigration20261203000200, CustomersMigration20261124000100 } from '@switchboard/customers/infrastructure';
import {
  IntakeBatchFunctionsMigration20261203000100,
  IntakeFunctionsMigration20261125000800,
  IntakeMigration20261123000300,
  OutboundMigration20261125000500,
  ServiceDeskMigration20261123000200,
} from '@switchboard/service-desk/infrastructure';
import { ReadModelsHistoryMigration20261203000100, ReadModelsMigration20261125000000, ReadModelsStatisticsMigration20261125000700 } from '@switchboard/read-models';
import { PhoneMigration20261125000400, PhoneMissedCallsMigration20261201000100 } from '@switchboard/channel-phone';
import { AccessTicketsMigration20261201000200 } from '@switchboard/identity/infrastructure';
import { SmppMigration20261125000600 } from '@switchboard/channel-sms';
import { TelegramMigration20261125000300 } from '@switchboard/channel-telegram';
import { ProcessorsMigration20261126000000 } from '../processing/processors.migration';
import type { Pool } from 'pg';

/** Every bounded context's migrations, in order; the list is explicit so a bundle cannot miss one. */
export const migrationsList = [
  { name: 'CatalogueMigration20261123000000', class: CatalogueMigration20261123000000 },
  { name: 'CustomersMigration20261123000100', class: CustomersMigration20261123000100 },
  { name: 'CustomersMigration20261124000100', class: CustomersMigration20261124000100 },
  { name: 'ServiceDeskMigration20261123000200', class: ServiceDeskMigration20261123000200 },
  { name: 'IntakeMigration20261123000300', class: IntakeMigration20261123000300 },
  { name: 'ReadModelsMigration20261125000000', class: ReadModelsMigration20261125000000 },
  { name: 'TelegramMigration20261125000300', class: TelegramMigration20261125000300 },
  { name: 'PhoneMigration20261125000400', class: PhoneMigration20261125000400 },
  { name: 'OutboundMigration20261125000500', class: OutboundMigration20261125000500 },
  { name: 'SmppMigration20261125000600', class: SmppMigration20261125000600 },
  { name: 'ReadModelsStatisticsMigration20261125000700', class: ReadModelsStatisticsMigration20261125000700 },
  { name: 'IntakeFunctionsMigration20261125000800', class: IntakeFunctionsMigration20261125000800 },
  { name: 'ProcessorsMigration20261126000000', class: ProcessorsMigration20261126000000 },
  { name: 'PhoneMissedCallsMigration20261201000100', class: PhoneMissedCallsMigration20261201000100 },
  { name: 'AccessTicketsMigration20261201000200', class: AccessTicketsMigration20261201000200 },
  { name: 'ReadModelsHistoryMigration20261203000100', class: ReadModelsHistoryMigration20261203000100 },
  { name: 'CustomersClientHistoryMigration20261203000200', class: CustomersClientHistoryMigration20261203000200 },
  { name: 'IntakeBatchFunctionsMigration20261203000100', class: IntakeBatchFunctionsMigration20261203000100 },
];

// Arbitrary constant: the advisory lock that makes apps starting together migrate one at a time.
const MIGRATION_LOCK = 0x5b0a_d001;

export async function applyMigrations(orm: MikroORM, pool: Pool): Promise<string[]> {
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}
