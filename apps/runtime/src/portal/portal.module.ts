import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { FileStorage, LocalFileStorage, S3FileStorage, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import {
  InvitationLedger,
  PORTAL_OPTIONS,
  PortalAccounts,
  PortalClients,
  PortalInvitations,
  PortalRatings,
  ResidentUnits,
  ResidentsPortal,
} from '@switchboard/portal';
import type { PortalOptions } from '@switchboard/portal';
import { PostgresInvitationLedger, PostgresPortalAccounts, PostgresPortalClients } from '@switchboard/portal/infrastructure';
import { EstateResidents } from '@switchboard/estate';
import { CommunicationsModule } from '../communications/communications.module';
import { SurveysModule } from '../communications/surveys.module';
import { PG_POOL } from '../database/database.tokens';
import { EstateModule } from '../estate/estate.module';
import { IntakeModule } from '../intake/intake.module';
import { SecurityDeskModule } from '../security-desk/security-desk.module';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { EstateResidentUnits } from './estate-resident-units';

/** Where uploaded files go: the S3-compatible bucket when one is configured, else the local directory. */
export function fileStorageFor(config: SwitchboardConfig): FileStorage {
  return config.files.s3 ? new S3FileStorage(config.files.s3) : new LocalFileStorage(config.files.dir);
}

/**
 * The residents' portal (ADR 0030): account links, invitations, the resident's units (the estate's
 * residents whose period holds today), uploads, and the
 * submissions through the channels' exactly-once intake.
 */
@Module({
  imports: [ServiceDeskModule, IntakeModule, CommunicationsModule, SurveysModule, SecurityDeskModule, EstateModule],
  providers: [
    {
      provide: PORTAL_OPTIONS,
      useFactory: (config: SwitchboardConfig): PortalOptions => ({ department: config.intake.department, url: config.portal.url }),
      inject: [SWITCHBOARD_CONFIG],
    },
    { provide: PortalAccounts, useFactory: (pool: Pool) => new PostgresPortalAccounts(pool), inject: [PG_POOL] },
    {
      provide: InvitationLedger,
      useFactory: (pool: Pool, config: SwitchboardConfig) => new PostgresInvitationLedger(pool, config.portal.invitationSecret),
      inject: [PG_POOL, SWITCHBOARD_CONFIG],
    },
    { provide: PortalClients, useFactory: (pool: Pool) => new PostgresPortalClients(pool), inject: [PG_POOL] },
    { provide: ResidentUnits, useFactory: (estate: EstateResidents) => new EstateResidentUnits(estate), inject: [EstateResidents] },
    { provide: FileStorage, useFactory: fileStorageFor, inject: [SWITCHBOARD_CONFIG] },
    PortalInvitations,
    ResidentsPortal,
    PortalRatings,
  ],
  exports: [PortalInvitations, ResidentsPortal, PortalRatings, PortalClients, ResidentUnits, FileStorage],
})
export class PortalModule {}
