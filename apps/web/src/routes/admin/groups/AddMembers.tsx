import { Button, MultiSelect, Group as Row, Stack, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDetail } from '#core/wire/org.ts';
import type { UserList } from '#core/wire/users.ts';
import { get, post } from '../../../api/client.ts';
import { displayName } from '../../../api/session.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';

/** Search users by name or login and add the chosen ones to the group. */
export function AddMembers({ group, onAdded }: { group: GroupDetail; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [chosen, setChosen] = useState<string[]>([]);
  const labels = useRef(new Map<string, string>());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { data } = useQuery({
    queryKey: ['users', 'search', debounced],
    queryFn: () => get<UserList>('/api/v1/users', { q: debounced, status: 'active', pageSize: 20 }),
    enabled: debounced.trim().length >= 2,
  });
  const memberIds = new Set(group.members.map((m) => m.id));
  for (const u of data?.items ?? []) labels.current.set(u.id, `${displayName(u)} (${u.login})`);
  const options = [
    ...new Set([...chosen, ...(data?.items ?? []).filter((u) => !memberIds.has(u.id)).map((u) => u.id)]),
  ].map((id) => ({ value: id, label: labels.current.get(id) ?? id }));

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/groups/${group.id}/members`, { userIds: chosen });
      setChosen([]);
      setSearch('');
      await onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('groups.addMembers')}
      </Title>
      <FormAlert error={error} />
      <MultiSelect
        label={t('groups.findUsers')}
        description={t('groups.findUsersHelp')}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        data={options}
        value={chosen}
        onChange={setChosen}
        filter={({ options: o }) => o}
        nothingFoundMessage={
          debounced.trim().length >= 2 ? t('common.nothingFound') : t('groups.typeToSearch')
        }
      />
      <Row>
        <Button onClick={() => void add()} disabled={chosen.length === 0} loading={busy}>
          {t('groups.addChosen', { count: chosen.length })}
        </Button>
      </Row>
    </Stack>
  );
}
