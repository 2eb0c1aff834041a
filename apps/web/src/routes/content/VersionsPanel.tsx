import { Badge, Box, Button, Checkbox, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import {
  type Compare,
  contentKeys,
  type Material,
  type MaterialVersion,
  statusColor,
  statusLabel,
} from './shared.tsx';

export type VersionList = {
  items: MaterialVersion[];
  material: Material;
  discipline: { id: string; code: string; name: Record<string, string> };
  canEdit: boolean;
  canReview: boolean;
};

export const versionsQuery = (materialId: string) => ({
  queryKey: contentKeys.versions(materialId),
  queryFn: () => get<VersionList>(`/api/v1/content/materials/${materialId}/versions`),
});

/** Every version of a material: pick two to compare, restore an old one into the draft. */
export function VersionsPanel({ materialId, onRestored }: { materialId: string; onRestored?: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery(versionsQuery(materialId));
  const [picked, setPicked] = useState<string[]>([]);
  const [diff, setDiff] = useState<Compare | null>(null);
  const compare = useMutation({
    mutationFn: () => {
      const order = data!.items.filter((v) => picked.includes(v.id)).reverse();
      return get<Compare>(`/api/v1/content/materials/${materialId}/versions/compare`, {
        a: order[0]!.id,
        b: order[1]!.id,
      });
    },
    onSuccess: setDiff,
  });
  const restore = useMutation({
    mutationFn: (versionId: string) =>
      post(`/api/v1/content/materials/${materialId}/versions/${versionId}/restore`),
    onSuccess: async () => {
      setDiff(null);
      setPicked([]);
      await qc.invalidateQueries({ queryKey: contentKeys.all });
      onRestored?.();
    },
  });
  if (error) return <FormAlert error={error} />;
  if (!data) return null;
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  return (
    <Stack>
      <FormAlert error={compare.error ?? restore.error} />
      <Table>
        <Table.Caption>{t('content.versions.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('content.versions.compare')}</Table.Th>
            <Table.Th scope="col">{t('content.versions.number')}</Table.Th>
            <Table.Th scope="col">{t('content.versions.status')}</Table.Th>
            <Table.Th scope="col">{t('content.versions.created')}</Table.Th>
            <Table.Th scope="col">{t('content.versions.review')}</Table.Th>
            {data.canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((v, i) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Checkbox
                  aria-label={t('content.versions.pick', { n: v.versionNo })}
                  checked={picked.includes(v.id)}
                  onChange={(e) => toggle(v.id, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>{v.versionNo}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={statusColor[v.status]}>
                  {statusLabel(t, v.status)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatInstant(v.createdAt, i18n.language)}</Table.Td>
              <Table.Td>
                {v.reviewComment && <Text size="sm">{v.reviewComment}</Text>}
                {v.reviewedAt && (
                  <Text size="xs" c="gray.8">
                    {formatInstant(v.reviewedAt, i18n.language)}
                  </Text>
                )}
              </Table.Td>
              {data.canEdit && (
                <Table.Td>
                  {i > 0 && (
                    <Button
                      size="compact-sm"
                      variant="outline"
                      loading={restore.isPending && restore.variables === v.id}
                      onClick={() => restore.mutate(v.id)}
                      aria-label={t('content.versions.restoreN', { n: v.versionNo })}
                    >
                      {t('content.versions.restore')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="outline"
          disabled={picked.length !== 2}
          loading={compare.isPending}
          onClick={() => compare.mutate()}
        >
          {t('content.versions.compareTwo')}
        </Button>
      </Group>
      {diff && <DiffView diff={diff} />}
    </Stack>
  );
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function DiffView({ diff }: { diff: Compare }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="diff-title" gap="xs">
      <Title order={3} size="h5" id="diff-title">
        {t('content.versions.diffTitle', { a: diff.a, b: diff.b })}
      </Title>
      {diff.changes.length === 0 && <Text size="sm">{t('content.versions.same')}</Text>}
      {diff.changes.map((c) => (
        <Box key={`${c.language}-${c.field}`}>
          <Text size="sm" fw={700}>
            {c.language.toUpperCase()} · {t(`content.versions.field.${c.field}`, { defaultValue: c.field })}
          </Text>
          {c.lines ? (
            <Code block>
              {c.lines.map((l, i) => (
                <Box
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of a diff have no identity
                  key={i}
                  component={l.op === '-' ? 'del' : l.op === '+' ? 'ins' : 'span'}
                  style={{
                    display: 'block',
                    background: l.op === '-' ? '#ffe3e3' : l.op === '+' ? '#d3f9d8' : undefined,
                    textDecoration: 'none',
                  }}
                >
                  {l.op} {l.text}
                </Box>
              ))}
            </Code>
          ) : (
            <Text size="sm">
              <del>{show(c.before)}</del> → <ins>{show(c.after)}</ins>
            </Text>
          )}
        </Box>
      ))}
    </Stack>
  );
}
