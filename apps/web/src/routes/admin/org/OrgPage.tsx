import { Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, OrgUnitNode } from '#core/wire/org.ts';
import { del, get } from '../../../api/client.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { kazakhCollator } from '../../../i18n/index.ts';
import { OrgUnitModal } from './OrgUnitModal.tsx';

export function OrgPage() {
  return (
    <RequirePermission any={['org.manage']}>
      <OrgTree />
    </RequirePermission>
  );
}

type Editing = { mode: 'create'; parent: OrgUnit | null } | { mode: 'edit'; unit: OrgUnit } | null;

function OrgTree() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const { data, error } = useQuery({
    queryKey: ['org-units', 'tree'],
    queryFn: () => get<{ items: OrgUnit[]; tree?: OrgUnitNode[] }>('/api/v1/org-units', { shape: 'tree' }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['org-units'] });

  return (
    <Stack>
      <PageHeader title={t('org.title')}>
        <Button onClick={() => setEditing({ mode: 'create', parent: null })}>{t('org.addRoot')}</Button>
      </PageHeader>
      {error ? (
        <QueryError error={error} inline />
      ) : data?.tree?.length === 0 ? (
        <Text>{t('org.empty')}</Text>
      ) : (
        <UnitList nodes={data?.tree ?? []} onEdit={setEditing} onDeleted={refresh} level={1} />
      )}
      {editing && <OrgUnitModal editing={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </Stack>
  );
}

function UnitList({
  nodes,
  onEdit,
  onDeleted,
  level,
}: {
  nodes: OrgUnitNode[];
  onEdit: (e: Editing) => void;
  onDeleted: () => void;
  level: number;
}) {
  const { t, i18n } = useTranslation();
  const sorted = [...nodes].sort((a, b) =>
    kazakhCollator.compare(localizedName(i18n.language, a), localizedName(i18n.language, b)),
  );
  return (
    <Box component="ul" pl={level === 1 ? 0 : 'lg'} style={{ listStyle: 'none', margin: 0 }}>
      {sorted.map((n) => {
        const name = localizedName(i18n.language, n);
        return (
          <Box
            component="li"
            key={n.id}
            py={4}
            style={
              level > 1 ? { borderLeft: '2px solid var(--mantine-color-gray-4)', paddingLeft: 12 } : undefined
            }
          >
            <Group gap="xs" wrap="wrap">
              <Text fw={level <= 2 ? 700 : 400}>{name}</Text>
              <Badge variant="outline" color="gray.8" size="sm" tt="none">
                {t(`orgKind.${n.kind}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {n.code}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => onEdit({ mode: 'create', parent: n })}
                aria-label={t('org.addChildOf', { name })}
              >
                {t('org.addChild')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => onEdit({ mode: 'edit', unit: n })}
                aria-label={t('org.editNamed', { name })}
              >
                {t('common.edit')}
              </Button>
              <ConfirmButton
                size="compact-xs"
                variant="outline"
                color="red.9"
                aria-label={t('org.deleteNamed', { name })}
                title={t('org.deleteTitle')}
                message={<Text size="sm">{t('org.deleteConfirm', { name })}</Text>}
                confirmLabel={t('common.delete')}
                danger
                onConfirm={async () => {
                  await del(`/api/v1/org-units/${n.id}`);
                  onDeleted();
                }}
              >
                {t('common.delete')}
              </ConfirmButton>
            </Group>
            {n.children.length > 0 && (
              <UnitList nodes={n.children} onEdit={onEdit} onDeleted={onDeleted} level={level + 1} />
            )}
          </Box>
        );
      })}
    </Box>
  );
}
