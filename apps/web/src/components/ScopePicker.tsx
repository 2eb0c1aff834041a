import { Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { groupsQuery, orgUnitsQuery } from '../api/catalog.ts';
import { kazakhCollator } from '../i18n/index.ts';
import { localizedName } from './labels.ts';

type Props = {
  scopeType: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
};

/** Picks the unit or group a role is granted over; other scope kinds take an identifier. */
export function ScopePicker({ scopeType, value, onChange, error }: Props) {
  const { t, i18n } = useTranslation();
  const units = useQuery({ ...orgUnitsQuery, enabled: scopeType === 'org_unit' });
  const groups = useQuery({ ...groupsQuery, enabled: scopeType === 'group' });
  if (scopeType === 'system') return null;
  if (scopeType === 'org_unit' || scopeType === 'group') {
    const data =
      scopeType === 'org_unit'
        ? (units.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${localizedName(i18n.language, u)} (${u.code})`,
          }))
        : (groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` }));
    data.sort((a, b) => kazakhCollator.compare(a.label, b.label));
    return (
      <Select
        label={t(scopeType === 'org_unit' ? 'roles.scopeUnit' : 'roles.scopeGroup')}
        searchable
        required
        data={data}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        error={error}
        nothingFoundMessage={t('common.nothingFound')}
      />
    );
  }
  return (
    <TextInput
      label={t('roles.scopeId')}
      description={t('roles.scopeIdHelp')}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** The name of a role's scope, for lists. */
export function useScopeName() {
  const { t, i18n } = useTranslation();
  const units = useQuery(orgUnitsQuery);
  const groups = useQuery(groupsQuery);
  return (scopeType: string, scopeId: string | null): string => {
    if (scopeType === 'system' || !scopeId) return t('scopeType.system');
    if (scopeType === 'org_unit') {
      const u = units.data?.items.find((x) => x.id === scopeId);
      return u ? localizedName(i18n.language, u) : scopeId;
    }
    if (scopeType === 'group') {
      const g = groups.data?.items.find((x) => x.id === scopeId);
      return g ? `${g.name} (${g.code})` : scopeId;
    }
    return scopeId;
  };
}
