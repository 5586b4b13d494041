import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientHitName, isLegacyHit } from '../api/models';
import { useClientSearch } from '../api/queries';

/** Picks one of our clients by name words or phone prefix (a list filter takes client ids). */
export function ClientSelect({ value, onChange, label }: { value: string | undefined; onChange: (clientId: string | undefined) => void; label: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const { data } = useClientSearch(q);
  const options = (data?.items ?? [])
    .filter((hit) => !isLegacyHit(hit))
    .map((hit) => ({ value: hit.id as string, label: `${clientHitName(hit)} · ${hit.phone ?? ''}` }));
  return (
    <Select
      label={label}
      placeholder={t('filters.clientPlaceholder')}
      searchable
      clearable
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchValue={search}
      onSearchChange={setSearch}
      data={value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options}
      nothingFoundMessage={q.length >= 2 ? t('filters.noClients') : t('filters.typeToSearch')}
      filter={({ options: all }) => all}
    />
  );
}
