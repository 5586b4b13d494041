import { ApiModule } from '@switchboard/api';

export const role = ApiModule;
