import { ApiModule, apiRole } from '@switchboard/api';
import type { AppRole } from '@switchboard/app-runtime';
import { GatewayModule, SMPP_COMMUNICATION_SENDER, SMPP_OUTBOUND_SENDER, SmppModule, gatewayRole } from '@switchboard/gateway';
import { NotifierModule, notifierRole } from '@switchboard/notifier';
import { ProjectorModule, projectorRole } from '@switchboard/projector';

const roles = [apiRole, gatewayRole, projectorRole, notifierRole];

/** All four roles in one process: the embedded default; production runs them apart. */
export const allRoles: AppRole = {
  name: 'switchboard',
  dependencies: [...new Set(roles.flatMap((r) => r.dependencies))],
  bodyLimits: roles.flatMap((r) => r.bodyLimits ?? []),
};

/** The notifier sends SMS through the gateway's transceiver bind: one bind per process. */
export const allRoleModules = [
  ApiModule,
  GatewayModule,
  ProjectorModule,
  NotifierModule.forRoot({
    sms: { module: SmppModule, token: SMPP_OUTBOUND_SENDER },
    communicationSms: { module: SmppModule, token: SMPP_COMMUNICATION_SENDER },
  }),
];
