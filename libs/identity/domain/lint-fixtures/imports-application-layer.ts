import { AuthenticationGuard } from '@switchboard/identity';

export const application = AuthenticationGuard;
