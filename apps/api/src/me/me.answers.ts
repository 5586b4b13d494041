import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import type { Permission, Principal } from '@switchboard/identity/domain';
import { permissions, roles } from '@switchboard/identity/domain';
import { sameShape } from '../http/same-shape';

export const principalAnswer = answerSchema(
  'Principal',
  z.object({
    userId: z.string(),
    username: z.string(),
    email: z.string().optional(),
    roles: z.array(z.enum(roles)),
    permissions: z
      .array(z.enum(permissions as [Permission, ...Permission[]]))
      .describe('What the roles allow under the current role → permissions mapping (ADR 0031), in catalogue order.'),
    departments: z.array(z.string()).describe('Help-desk departments (groups under /departments).'),
    workGroups: z.array(z.string()).describe('L3 work groups (groups under /work-groups).'),
    sites: z
      .array(z.string())
      .optional()
      .describe('Sites the person covers (groups under /sites): a SiteManager’s estate and the security desk’s scope; ClientService sees every site.'),
    emailVerified: z.boolean().optional(),
    residentOf: z.string().optional().describe('Never set here: the portal resolves a resident’s client itself (GET /portal/me).'),
  }),
);

/** The principal as the API shows it: its permissions as a list. */
export type PrincipalView = Omit<Principal, 'permissions'> & { readonly permissions: readonly Permission[] };

sameShape<z.output<typeof principalAnswer>, PrincipalView>(true);
