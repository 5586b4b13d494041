import { runApp } from '@switchboard/app-runtime';
import { NotifierModule, notifierRole } from './notifier.module';

void runApp({ role: notifierRole, modules: [NotifierModule.forRoot()], defaults: { httpPort: 3030, allowsEmbeddedDatabase: false } });
