import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@switchboard/app-runtime';
import { COMMUNICATION_TEMPLATE_STORE, CommunicationTemplates } from '@switchboard/communications';
import { PostgresCommunicationTemplateStore } from '@switchboard/communications/infrastructure';
import { CommunicationTemplateProblemsInterceptor } from './communication-template-problems.interceptor';
import { CommunicationTemplatesController } from './communication-templates.controller';

/** Communication templates: the PostgreSQL store, the service, the admin routes. */
@Module({
  controllers: [CommunicationTemplatesController],
  providers: [
    { provide: COMMUNICATION_TEMPLATE_STORE, useFactory: (pool: Pool) => new PostgresCommunicationTemplateStore(pool), inject: [PG_POOL] },
    CommunicationTemplates,
    CommunicationTemplateProblemsInterceptor,
  ],
  exports: [CommunicationTemplates],
})
export class CommunicationTemplatesModule {}
