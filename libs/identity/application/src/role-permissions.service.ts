import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventSourcedRepository, StreamNotFoundError } from '@switchboard/eventstore';
import type { CommandEnvelope, CommandResult, EventStore } from '@switchboard/eventstore';
import { administeredRoles, currentPermissions, rolePermissionsDecider, rolePermissionsStreamId, roles } from '@switchboard/identity/domain';
import type {
  Permission,
  Role,
  RolePermissionsChanged,
  RolePermissionsCommand,
  RolePermissionsEvent,
  RolePermissionsState,
} from '@switchboard/identity/domain';
import { ACCESS_EVENT_STORE, ROLE_PERMISSIONS_RESOLVER } from './role-permissions.port';
import type { RolePermissionsResolver } from './role-permissions.port';

export interface RolePermissionsView {
  readonly role: Role;
  readonly permissions: readonly Permission[];
  /** The stream revision + 1: 0 while the role holds the default mapping untouched. */
  readonly version: number;
  /** Whether the role still holds the default mapping (its stream is empty). */
  readonly isDefault: boolean;
}

export interface RolePermissionsHistoryEntry {
  readonly version: number;
  readonly granted: readonly Permission[];
  readonly revoked: readonly Permission[];
  readonly permissions: readonly Permission[];
  readonly by: string;
  readonly at: string;
}

/** The roles whose permissions are administered (every role but residents'). */
export const administeredRoleNames = (): Role[] => roles.filter(administeredRoles);

/**
 * The role → permissions mapping's write side and its reads for the admin screen (ADR 0031): a
 * stream per role, commands through the pure decider with the revision the admin saw (If-Match).
 * Reads fold the role's few events from the store, so an admin reads their own change at once; the
 * guard reads the projection (`access_role_permissions`) instead.
 */
@Injectable()
export class RolePermissions {
  private readonly repository: EventSourcedRepository<RolePermissionsCommand, RolePermissionsEvent, RolePermissionsState>;

  constructor(
    @Inject(ACCESS_EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ROLE_PERMISSIONS_RESOLVER) private readonly resolver?: RolePermissionsResolver,
  ) {
    this.repository = new EventSourcedRepository(store, rolePermissionsDecider);
  }

  async change(command: RolePermissionsCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    const result = await this.repository.handle(rolePermissionsStreamId(command.role as Role), command, envelope);
    this.resolver?.invalidate?.();
    return result;
  }

  async view(role: Role): Promise<RolePermissionsView> {
    const loaded = await this.repository.load(rolePermissionsStreamId(role));
    return {
      role,
      permissions: currentPermissions(role, loaded.state),
      version: Number(loaded.revision + 1n),
      isDefault: !loaded.state.changed,
    };
  }

  async list(): Promise<RolePermissionsView[]> {
    return Promise.all(administeredRoleNames().map((role) => this.view(role)));
  }

  async history(role: Role): Promise<RolePermissionsHistoryEntry[]> {
    const entries: RolePermissionsHistoryEntry[] = [];
    try {
      for await (const recorded of this.store.readStream(rolePermissionsStreamId(role))) {
        if (recorded.type !== 'RolePermissionsChanged') continue;
        const d = recorded.data as RolePermissionsChanged['data'];
        entries.push({ version: Number(recorded.revision + 1n), granted: d.granted, revoked: d.revoked, permissions: d.permissions, by: d.by, at: d.at });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return entries.reverse();
  }
}
