import type { MikroORM } from '@mikro-orm/postgresql';
import { CatalogueMigration20261123000000 } from '@switchboard/catalogue/infrastructure';
import {
  CommunicationTemplatesMigration20261207005000,
  PublicApiMigration20261207007000,
  CommunicationsMigration20261207000200,
  CommunicationsPoliciesMigration20261207004000,
  MailingsMigration20261207008000,
  SurveysMigration20261208100000,
} from '@switchboard/communications/infrastructure';
import { CustomersMigration20261123000100 } from '@switchboard/customers/infrastructure';
import { EstateMigration20261208200000 } from '@switchboard/estate/infrastructure';
import {
  CustomersClientHistoryMigration20261203000200,
  CustomersClientTagsMigration20261207000300,
  CustomersMigration20261124000100,
} from '@switchboard/customers/infrastructure';
import {
  IntakeBatchFunctionsMigration20261203000100,
  IntakeFunctionsMigration20261125000800,
  IntakeMigration20261123000300,
  OutboundMigration20261125000500,
  ProblemsMigration20261207003000,
  RoutingRulesMigration20261206004000,
  ServiceDeskMigration20261123000200,
  SlaMigration20261207002001,
  TakeNextClaimsMigration20261207000100,
  AutoAssignmentMigration20261207001000,
} from '@switchboard/service-desk/infrastructure';
import {
  ReadModelsAssignmentHistoryMigration20261207001001,
  ReadModelsHistoryMigration20261203000100,
  ReadModelsMigration20261125000000,
  ReadModelsProblemsMigration20261207003001,
  ReadModelsEstateMigration20261208200100,
  ReadModelsRequestSitesMigration20261208500000,
  ReadModelsSiteStaffMigration20261209200000,
  ReadModelsQueuesMigration20261206002000,
  ReadModelsRoutingMigration20261206004001,
  ReadModelsSearchMigration20261206001001,
  ReadModelsSlaMigration20261207002000,
  ReadModelsStatisticsMigration20261125000700,
} from '@switchboard/read-models';
import { PhoneMigration20261125000400, PhoneMissedCallsMigration20261201000100 } from '@switchboard/channel-phone';
import {
  AccessRolePermissionDeltasMigration20261209400000,
  AccessRolePermissionsMigration20261209100000,
  AccessTicketsMigration20261201000200,
} from '@switchboard/identity/infrastructure';
import { CommunicationSmsPartsMigration20261207005001, SmppMigration20261125000600 } from '@switchboard/channel-sms';
import { TelegramMigration20261125000300 } from '@switchboard/channel-telegram';
import { SecurityDeskMigration20261208300000 } from '@switchboard/security-desk/infrastructure';
import { PortalMigration20261208400000, PortalUnitsFromEstateMigration20261209300000 } from '@switchboard/portal/infrastructure';
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
  { name: 'ReadModelsSearchMigration20261206001001', class: ReadModelsSearchMigration20261206001001 },
  { name: 'ReadModelsQueuesMigration20261206002000', class: ReadModelsQueuesMigration20261206002000 },
  { name: 'RoutingRulesMigration20261206004000', class: RoutingRulesMigration20261206004000 },
  { name: 'ReadModelsRoutingMigration20261206004001', class: ReadModelsRoutingMigration20261206004001 },
  { name: 'ReadModelsSlaMigration20261207002000', class: ReadModelsSlaMigration20261207002000 },
  { name: 'SlaMigration20261207002001', class: SlaMigration20261207002001 },
  { name: 'TakeNextClaimsMigration20261207000100', class: TakeNextClaimsMigration20261207000100 },
  { name: 'CommunicationsMigration20261207000200', class: CommunicationsMigration20261207000200 },
  { name: 'CustomersClientTagsMigration20261207000300', class: CustomersClientTagsMigration20261207000300 },
  { name: 'AutoAssignmentMigration20261207001000', class: AutoAssignmentMigration20261207001000 },
  { name: 'ReadModelsAssignmentHistoryMigration20261207001001', class: ReadModelsAssignmentHistoryMigration20261207001001 },
  { name: 'ProblemsMigration20261207003000', class: ProblemsMigration20261207003000 },
  { name: 'ReadModelsProblemsMigration20261207003001', class: ReadModelsProblemsMigration20261207003001 },
  { name: 'CommunicationsPoliciesMigration20261207004000', class: CommunicationsPoliciesMigration20261207004000 },
  { name: 'CommunicationTemplatesMigration20261207005000', class: CommunicationTemplatesMigration20261207005000 },
  { name: 'CommunicationSmsPartsMigration20261207005001', class: CommunicationSmsPartsMigration20261207005001 },
  { name: 'PublicApiMigration20261207007000', class: PublicApiMigration20261207007000 },
  { name: 'MailingsMigration20261207008000', class: MailingsMigration20261207008000 },
  { name: 'SurveysMigration20261208100000', class: SurveysMigration20261208100000 },
  { name: 'EstateMigration20261208200000', class: EstateMigration20261208200000 },
  { name: 'ReadModelsEstateMigration20261208200100', class: ReadModelsEstateMigration20261208200100 },
  { name: 'SecurityDeskMigration20261208300000', class: SecurityDeskMigration20261208300000 },
  { name: 'PortalMigration20261208400000', class: PortalMigration20261208400000 },
  { name: 'ReadModelsRequestSitesMigration20261208500000', class: ReadModelsRequestSitesMigration20261208500000 },
  { name: 'AccessRolePermissionsMigration20261209100000', class: AccessRolePermissionsMigration20261209100000 },
  { name: 'ReadModelsSiteStaffMigration20261209200000', class: ReadModelsSiteStaffMigration20261209200000 },
  { name: 'PortalUnitsFromEstateMigration20261209300000', class: PortalUnitsFromEstateMigration20261209300000 },
  { name: 'AccessRolePermissionDeltasMigration20261209400000', class: AccessRolePermissionDeltasMigration20261209400000 },
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
