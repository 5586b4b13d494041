import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';

export const application = CATALOGUE_REPOSITORY;
