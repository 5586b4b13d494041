import { runApp } from '@switchboard/app-runtime';
import { ProjectorModule, projectorRole } from './projector.module';

void runApp({ role: projectorRole, modules: [ProjectorModule], defaults: { httpPort: 3020, allowsEmbeddedDatabase: false } });
