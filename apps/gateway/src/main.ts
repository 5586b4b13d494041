import { runApp } from '@switchboard/app-runtime';
import { GatewayModule, gatewayRole } from './gateway.module';

void runApp({ role: gatewayRole, modules: [GatewayModule], defaults: { httpPort: 3010, allowsEmbeddedDatabase: false } });
