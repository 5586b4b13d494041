import { Module } from '@nestjs/common';
import type { AppRole } from '@switchboard/app-runtime';

export const projectorRole: AppRole = { name: 'projector', dependencies: ['postgres', 'eventstore', 'clickhouse'] };

/** Runs projections from the event store into the read models, with checkpoints. */
@Module({})
export class ProjectorModule {}
