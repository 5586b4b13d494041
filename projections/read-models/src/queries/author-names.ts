import { Logger } from '@nestjs/common';
import type { UserDirectory } from '@switchboard/identity';
import { displayNameOf } from '@switchboard/identity/domain';

/** Names people read next to the ids in histories, conversations and narratives. */
export interface AuthorNames {
  /** A name for every id given (the id itself when nobody by it is known). */
  namesOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export const AUTHOR_NAMES = Symbol('AuthorNames');

const channelNames: Record<string, string> = { telegram: 'Telegram', sms: 'SMS', esb: 'ESB', phone: 'Phone', email: 'Email', operator: 'Operator' };

/** `channel:<name>` (intake) and `system:<process>` (process managers) are not people. */
export function systemAuthorName(by: string): string | undefined {
  const [kind, name] = [by.slice(0, by.indexOf(':')), by.slice(by.indexOf(':') + 1)];
  if (kind === 'channel') return channelNames[name] ?? name;
  if (kind === 'system') return `Switchboard (${name})`;
  return undefined;
}

/** Without a directory: system authors by name, people by id. */
export const authorIdsAsNames: AuthorNames = {
  async namesOf(ids) {
    return new Map(ids.map((id) => [id, systemAuthorName(id) ?? id]));
  },
};

/**
 * People's names from the user directory (cached there). A directory that cannot answer costs the
 * names, never the answer: the ids stand in for them.
 */
export class DirectoryAuthorNames implements AuthorNames {
  private readonly logger = new Logger('read-models');

  constructor(private readonly directory: UserDirectory) {}

  async namesOf(ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const system = systemAuthorName(id);
        if (system) return names.set(id, system);
        try {
          const user = await this.directory.userById(id);
          names.set(id, user ? displayNameOf(user) : id);
        } catch (error) {
          this.logger.warn(`no name for ${id}: ${error instanceof Error ? error.message : String(error)}`);
          names.set(id, id);
        }
      }),
    );
    return names;
  }
}
