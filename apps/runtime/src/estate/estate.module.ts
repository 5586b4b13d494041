import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ESTATE_STORE, EstateResidents, Residencies } from '@switchboard/estate';
import { PostgresEstateStore } from '@switchboard/estate/infrastructure';
import { PG_POOL } from '../database/database.tokens';

/** The estate (ADR 0028): sites, buildings, entrances, units and residents in PostgreSQL; EstateResidents is what other contexts ask. */
@Module({
  providers: [{ provide: ESTATE_STORE, useFactory: (pool: Pool) => new PostgresEstateStore(pool), inject: [PG_POOL] }, Residencies, EstateResidents],
  exports: [ESTATE_STORE, Residencies, EstateResidents],
})
export class EstateModule {}
