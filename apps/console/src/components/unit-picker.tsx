import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSiteUnits, useSites } from '../api/estate';

/**
 * Picks a unit of the estate at one site: the API searches by building and number (every word),
 * so a concierge types "2 45" rather than an id.
 */
export function UnitPicker({ siteSlug, value, onChange }: { siteSlug: string; value: string; onChange: (unitId: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [chosen, setChosen] = useState<{ value: string; label: string } | undefined>(undefined);
  const sites = useSites();
  const siteId = sites.data?.items.find((s) => s.slug === siteSlug)?.id ?? '';
  // The chosen unit's label is what the field shows: searching for it again would find only that unit.
  const units = useSiteUnits(siteId, chosen && debounced === chosen.label ? '' : debounced);
  const options = (units.data ?? []).map((u) => ({ value: u.id, label: u.label }));
  const data = chosen && value === chosen.value && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      label={t('passes.unit')}
      placeholder={t('passes.unitSearch')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={data}
      value={value || null}
      onChange={(unitId, option) => {
        setChosen(unitId && option ? { value: unitId, label: option.label } : undefined);
        onChange(unitId ?? '');
      }}
      nothingFoundMessage={units.isFetching ? undefined : t('passes.unitNone')}
      required
      data-testid="pass-unit"
    />
  );
}
