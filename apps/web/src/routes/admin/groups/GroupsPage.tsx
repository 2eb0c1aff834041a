import { Badge, Box, Button, Grid, Paper, Group as Row, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '#core/wire/org.ts';
import { groupsQuery } from '../../../api/catalog.ts';
import { usePermissions } from '../../../api/session.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { kazakhCollator } from '../../../i18n/index.ts';
import { GroupDetailPanel } from './GroupDetailPanel.tsx';
import { GroupModal } from './GroupModal.tsx';

export function GroupsPage() {
  return (
    <RequirePermission any={['groups.read']}>
      <Groups />
    </RequirePermission>
  );
}

function Groups() {
  const { t } = useTranslation();
  const perms = usePermissions();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { data, error } = useQuery(groupsQuery);
  const refresh = () => qc.invalidateQueries({ queryKey: ['groups'] });

  const byParent = new Map<string | null, Group[]>();
  for (const g of data?.items ?? []) {
    const known = g.parentId && data?.items.some((x) => x.id === g.parentId);
    const key = known ? g.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), g]);
  }
  for (const list of byParent.values()) list.sort((a, b) => kazakhCollator.compare(a.name, b.name));

  return (
    <Stack>
      <PageHeader title={t('groups.title')}>
        {perms.has('groups.manage') && (
          <Button onClick={() => setCreating(true)}>{t('groups.addRoot')}</Button>
        )}
      </PageHeader>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="sm" component="section" aria-labelledby="groups-tree-title">
              <Text id="groups-tree-title" fw={700} mb="xs" component="h2">
                {t('groups.tree')}
              </Text>
              {data?.items.length === 0 && <Text size="sm">{t('groups.empty')}</Text>}
              <GroupTree
                byParent={byParent}
                parent={null}
                selected={selected}
                onSelect={setSelected}
                level={1}
              />
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {selected ? (
              <GroupDetailPanel
                id={selected}
                onChanged={refresh}
                onDeleted={() => {
                  setSelected(null);
                  void refresh();
                }}
                onSelect={setSelected}
              />
            ) : (
              <Text size="sm">{t('groups.pick')}</Text>
            )}
          </Grid.Col>
        </Grid>
      )}
      {creating && (
        <GroupModal
          parent={null}
          group={null}
          onClose={() => setCreating(false)}
          onSaved={(g) => {
            void refresh();
            if (g) setSelected(g.id);
          }}
        />
      )}
    </Stack>
  );
}

function GroupTree({
  byParent,
  parent,
  selected,
  onSelect,
  level,
}: {
  byParent: Map<string | null, Group[]>;
  parent: string | null;
  selected: string | null;
  onSelect: (id: string) => void;
  level: number;
}) {
  const { t } = useTranslation();
  const items = byParent.get(parent) ?? [];
  if (items.length === 0) return null;
  return (
    <Box component="ul" pl={level === 1 ? 0 : 'md'} style={{ listStyle: 'none', margin: 0 }}>
      {items.map((g) => (
        <li key={g.id}>
          <UnstyledButton
            onClick={() => onSelect(g.id)}
            aria-current={g.id === selected ? 'true' : undefined}
            px={6}
            py={3}
            style={{
              borderRadius: 4,
              background: g.id === selected ? 'var(--mantine-color-blue-0)' : undefined,
              fontWeight: g.id === selected ? 700 : 400,
            }}
          >
            <Row gap={6} wrap="nowrap">
              <span>
                {g.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({g.code})
                </Text>
              </span>
              <Badge size="xs" variant="outline" color="gray.8" tt="none">
                {t(`groupKind.${g.kind}`)}
              </Badge>
              <Text span size="xs" c="dimmed">
                {t('groups.memberCount', { count: g.memberCount })}
              </Text>
            </Row>
          </UnstyledButton>
          <GroupTree
            byParent={byParent}
            parent={g.id}
            selected={selected}
            onSelect={onSelect}
            level={level + 1}
          />
        </li>
      ))}
    </Box>
  );
}
