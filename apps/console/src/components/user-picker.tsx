import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser } from '../api/models';
import { useDirectory } from '../api/queries';

/** Who may be picked: help-desk operators of a department, or L3 engineers. */
export type Candidates = (user: DirectoryUser) => boolean;

export const helpDeskOf =
  (department: string | null): Candidates =>
  (user) =>
    user.roles.some((r) => r === 'HelpDeskUser' || r === 'HelpDeskManager') && (department === null || user.departments.includes(department));

/** Technicians of the request's site (ADR 0032); none for a request without a site. */
export const techniciansOf =
  (site: string | null | undefined): Candidates =>
  (user) =>
    site !== null && site !== undefined && user.roles.includes('Technician') && user.groups.includes(`/sites/${site}`);

export const l3Engineers: Candidates = (user) => user.roles.some((r) => r === 'SL3User' || r === 'SL3Manager');

/**
 * A person from the user directory (GET /directory/users: the operator's own departments and work
 * groups), searchable by name or username; the value is the user id assignments store.
 */
export function UserPicker(props: {
  label: string;
  value: string | null;
  onChange: (userId: string | null) => void;
  candidates?: Candidates;
  description?: string;
  required?: boolean;
  autoFocus?: boolean;
  w?: number;
}) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const { candidates } = props;
  const data = useMemo(
    () =>
      (directory.data ?? [])
        .filter((u) => !candidates || candidates(u))
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    [directory.data, candidates],
  );
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('userPicker.placeholder')}
      nothingFoundMessage={directory.isLoading ? t('common.loading') : t('userPicker.nobody')}
      error={directory.error ? t('userPicker.unavailable') : undefined}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable={!props.required}
      required={props.required}
      data-autofocus={props.autoFocus || undefined}
      w={props.w}
      data-testid="user-picker"
    />
  );
}
