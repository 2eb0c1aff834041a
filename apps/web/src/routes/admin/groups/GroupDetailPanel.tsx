import { Badge, Button, Paper, Group as Row, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDetail } from '#core/wire/org.ts';
import { del, get } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { kazakhCollator } from '../../../i18n/index.ts';
import { AddMembers } from './AddMembers.tsx';
import { GroupModal } from './GroupModal.tsx';

type Props = { id: string; onChanged: () => void; onDeleted: () => void; onSelect: (id: string) => void };

export function GroupDetailPanel({ id, onChanged, onDeleted, onSelect }: Props) {
  const { t } = useTranslation();
  const perms = usePermissions();
  const qc = useQueryClient();
  const canManage = perms.has('groups.manage');
  const [modal, setModal] = useState<'child' | 'edit' | null>(null);
  const { data: g, error } = useQuery({
    queryKey: ['groups', 'one', id],
    queryFn: () => get<GroupDetail>(`/api/v1/groups/${id}`),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['groups'] });
    onChanged();
  };
  if (error) return <QueryError error={error} inline />;
  if (!g) return null;
  const members = [...g.members].sort(
    (a, b) => kazakhCollator.compare(displayName(a), displayName(b)) || a.login.localeCompare(b.login),
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="group-title">
      <Stack>
        <Row justify="space-between" wrap="wrap">
          <div>
            <Title order={2} size="h3" id="group-title">
              {g.name}
            </Title>
            <Row gap="xs">
              <Badge variant="outline" color="gray.8" tt="none">
                {t(`groupKind.${g.kind}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {g.code}
              </Text>
            </Row>
          </div>
          {canManage && (
            <Row gap="xs">
              <Button size="xs" onClick={() => setModal('child')}>
                {t('groups.addChild')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setModal('edit')}>
                {t('common.edit')}
              </Button>
              <ConfirmButton
                size="xs"
                variant="outline"
                color="red.9"
                title={t('groups.deleteTitle')}
                message={<Text size="sm">{t('groups.deleteConfirm', { name: g.name })}</Text>}
                confirmLabel={t('common.delete')}
                danger
                onConfirm={async () => {
                  await del(`/api/v1/groups/${g.id}`);
                  onDeleted();
                }}
              >
                {t('common.delete')}
              </ConfirmButton>
            </Row>
          )}
        </Row>
        {g.children.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('groups.children')}
            </Title>
            <Row gap="xs">
              {g.children.map((c) => (
                <Button key={c.id} size="compact-sm" variant="default" onClick={() => onSelect(c.id)}>
                  {c.name}
                </Button>
              ))}
            </Row>
          </div>
        )}
        <Title order={3} size="h5">
          {t('groups.members', { count: members.length })}
        </Title>
        {members.length === 0 ? (
          <Text size="sm">{t('groups.noMembers')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table data-testid="group-members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.fullName')}</Table.Th>
                  <Table.Th>{t('fields.login')}</Table.Th>
                  <Table.Th>{t('fields.recordBookNo')}</Table.Th>
                  {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      {perms.has('users.read') ? (
                        <AnchorLink to="/admin/users/$userId" params={{ userId: m.id }}>
                          {displayName(m)}
                        </AnchorLink>
                      ) : (
                        displayName(m)
                      )}
                    </Table.Td>
                    <Table.Td>{m.login}</Table.Td>
                    <Table.Td>{m.recordBookNo}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        <ConfirmButton
                          size="compact-xs"
                          variant="outline"
                          color="red.9"
                          aria-label={t('groups.removeNamed', { name: displayName(m) })}
                          title={t('groups.removeTitle')}
                          message={
                            <Text size="sm">
                              {t('groups.removeConfirm', { name: displayName(m), group: g.name })}
                            </Text>
                          }
                          confirmLabel={t('groups.remove')}
                          danger
                          onConfirm={async () => {
                            await del(`/api/v1/groups/${g.id}/members/${m.id}`);
                            await refresh();
                          }}
                        >
                          {t('groups.remove')}
                        </ConfirmButton>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canManage && perms.has('users.read') && <AddMembers group={g} onAdded={refresh} />}
      </Stack>
      {modal && (
        <GroupModal
          parent={modal === 'child' ? g : null}
          group={modal === 'edit' ? g : null}
          onClose={() => setModal(null)}
          onSaved={(saved) => {
            void refresh();
            if (modal === 'child' && saved) onSelect(saved.id);
          }}
        />
      )}
    </Paper>
  );
}
