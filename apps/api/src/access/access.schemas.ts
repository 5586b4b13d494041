import { z } from 'zod';
import { answerSchema, bodySchema } from '@switchboard/platform';
import { roles } from '@switchboard/identity/domain';

const permissionName = z.string().describe('A permission of the catalogue, `resource.action` or `resource.action:scope` (GET /access/permissions).');
const role = z.enum(roles);
const version = z
  .number()
  .int()
  .min(0)
  .describe('How many changes the role’s permissions have seen: 0 while it holds the default mapping untouched; send it back as `If-Match` (also the ETag).');

export const permissionCatalogueAnswer = answerSchema(
  'PermissionCatalogue',
  z.object({
    items: z.array(
      z.object({
        permission: permissionName,
        resource: z.string().describe('What it is about, for grouping: request, incident, estate, pass, …'),
        description: z.object({ ru: z.string(), en: z.string() }),
      }),
    ),
  }),
);

export const rolePermissionsAnswer = answerSchema(
  'RolePermissions',
  z.object({
    role,
    permissions: z.array(permissionName).describe('What the role holds now, in catalogue order.'),
    version,
    isDefault: z.boolean().describe('Whether the role still holds the default mapping (never changed through the API).'),
  }),
);

export const rolePermissionsListAnswer = answerSchema('RolePermissionsList', z.object({ items: z.array(rolePermissionsAnswer) }));

export const rolePermissionsHistoryAnswer = answerSchema(
  'RolePermissionsHistory',
  z.object({
    items: z
      .array(
        z.object({
          version,
          granted: z.array(permissionName),
          revoked: z.array(permissionName),
          permissions: z.array(permissionName).describe('The whole list after the change.'),
          by: z.string().describe('The user id of the administrator.'),
          at: z.string().describe('When (ISO 8601).'),
        }),
      )
      .describe('Newest first.'),
  }),
);

export const setRolePermissionsBody = bodySchema(
  'SetRolePermissions',
  z.object({ permissions: z.array(z.string().min(1).max(100)).max(200).describe('The role’s whole list of permissions after the change.') }),
);

export const roleParam = z.string().min(1).max(64).describe('A realm role, e.g. HelpDeskUser.');
