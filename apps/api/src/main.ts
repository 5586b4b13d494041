import { runApp } from '@switchboard/app-runtime';
import { ApiModule, apiRole } from './api.module';

void runApp({ role: apiRole, modules: [ApiModule], defaults: { httpPort: 3000, allowsEmbeddedDatabase: false } });
