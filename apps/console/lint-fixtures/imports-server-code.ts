import { requestStatuses } from '@switchboard/service-desk/domain';

export const states = requestStatuses;
