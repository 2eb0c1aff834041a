import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, fieldErrors, patch, post, put } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { MaterialForm } from './MaterialForm.tsx';
import {
  type ComplexSection,
  complexQuery,
  contentKeys,
  kindLabel,
  localized,
  type Material,
  materialTitle,
  statusColor,
  statusLabel,
} from './shared.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

type Dialog =
  | { kind: 'section'; section?: ComplexSection }
  | { kind: 'material'; sectionId: string; material?: Material }
  | { kind: 'versions'; material: Material }
  | null;

/**
 * The editor of a discipline's e-learning complex (shared by its offerings), with the
 * offering-only sections of one offering when opened from it.
 */
export function ComplexEditorPage({
  disciplineId,
  offeringId,
}: {
  disciplineId: string;
  offeringId?: string;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery(complexQuery(disciplineId, offeringId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: contentKeys.all });
  const reorder = useMutation({
    mutationFn: (ids: string[]) =>
      put(`/api/v1/disciplines/${disciplineId}/content/sections/order`, { sectionIds: ids }),
    onSettled: refresh,
  });
  const arrange = useMutation({
    mutationFn: ({ sectionId, ids }: { sectionId: string; ids: string[] }) =>
      put(`/api/v1/content/sections/${sectionId}/materials/order`, { materialIds: ids }),
    onSettled: refresh,
  });
  const submit = useMutation({
    mutationFn: (id: string) => post(`/api/v1/content/materials/${id}/submit`),
    onSettled: refresh,
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const sections = data.sections;
  const move = <T,>(list: T[], i: number, by: number) => {
    const out = [...list];
    const [x] = out.splice(i, 1);
    out.splice(i + by, 0, x!);
    return out;
  };
  return (
    <Stack>
      <PageHeader title={t('content.editor.title')}>
        <Group>
          {offeringId && (
            <AnchorLink to="/courses/$offeringId" params={{ offeringId }}>
              {t('content.editor.toCourse')}
            </AnchorLink>
          )}
          <Button onClick={() => setDialog({ kind: 'section' })}>{t('content.editor.addSection')}</Button>
        </Group>
      </PageHeader>
      <Text size="sm">{t('content.editor.intro')}</Text>
      <FormAlert error={reorder.error ?? arrange.error ?? submit.error} />
      {sections.length === 0 && <Text>{t('content.editor.empty')}</Text>}
      {sections.map((s, si) => {
        const title = localized(i18n.language, s.title);
        return (
          <Card withBorder key={s.id} component="section" aria-labelledby={`es-${s.id}`}>
            <Group justify="space-between" wrap="wrap" mb="xs">
              <Group gap="xs">
                <Title order={2} size="h4" id={`es-${s.id}`}>
                  {title}
                </Title>
                <Text size="sm" c="gray.8">
                  {t(`content.sectionKind.${s.kind}`)}
                </Text>
                {s.offeringId && (
                  <Badge variant="outline" color="blue.9">
                    {t('content.offeringOnly')}
                  </Badge>
                )}
              </Group>
              <Group gap={4}>
                <ActionIcon
                  variant="default"
                  disabled={si === 0}
                  aria-label={t('content.editor.sectionUp', { title })}
                  onClick={() => reorder.mutate(move(sections, si, -1).map((x) => x.id))}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  disabled={si === sections.length - 1}
                  aria-label={t('content.editor.sectionDown', { title })}
                  onClick={() => reorder.mutate(move(sections, si, 1).map((x) => x.id))}
                >
                  ↓
                </ActionIcon>
                <Button
                  size="compact-sm"
                  variant="outline"
                  onClick={() => setDialog({ kind: 'section', section: s })}
                >
                  {t('content.editor.rename')}
                </Button>
                <ConfirmButton
                  size="compact-sm"
                  variant="outline"
                  color="red.9"
                  danger
                  title={t('content.editor.deleteSection')}
                  message={t('content.editor.deleteSectionText', { title })}
                  confirmLabel={t('content.editor.delete')}
                  aria-label={t('content.editor.deleteNamed', { title })}
                  onConfirm={() => del(`/api/v1/content/sections/${s.id}`).then(refresh)}
                >
                  {t('content.editor.delete')}
                </ConfirmButton>
              </Group>
            </Group>
            <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {s.materials.map((m, mi) => {
                const mt = materialTitle(i18n.language, m.latest.body);
                return (
                  <Group component="li" key={m.id} justify="space-between" wrap="wrap">
                    <Group gap="xs" wrap="wrap">
                      <AnchorLink to="/content/materials/$materialId" params={{ materialId: m.id }}>
                        {mt}
                      </AnchorLink>
                      <Text size="sm" c="gray.8">
                        {kindLabel(t, m.kind)} · {Object.keys(m.latest.body).join(', ').toUpperCase()} ·{' '}
                        {t('content.editor.versionNo', { n: m.latest.versionNo })}
                      </Text>
                      <Badge variant="outline" color={statusColor[m.latest.status]}>
                        {statusLabel(t, m.latest.status)}
                      </Badge>
                      <Text size="xs" c="gray.8">
                        {m.lastApprovedAt
                          ? t('content.editor.lastApproved', {
                              day: formatDay(m.lastApprovedAt, i18n.language),
                            })
                          : t('content.editor.neverApproved')}
                      </Text>
                    </Group>
                    <Group gap={4}>
                      <ActionIcon
                        variant="default"
                        disabled={mi === 0}
                        aria-label={t('content.editor.materialUp', { title: mt })}
                        onClick={() =>
                          arrange.mutate({ sectionId: s.id, ids: move(s.materials, mi, -1).map((x) => x.id) })
                        }
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        disabled={mi === s.materials.length - 1}
                        aria-label={t('content.editor.materialDown', { title: mt })}
                        onClick={() =>
                          arrange.mutate({ sectionId: s.id, ids: move(s.materials, mi, 1).map((x) => x.id) })
                        }
                      >
                        ↓
                      </ActionIcon>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        disabled={m.latest.status === 'in_review'}
                        onClick={() => setDialog({ kind: 'material', sectionId: s.id, material: m })}
                        aria-label={t('content.editor.editNamed', { title: mt })}
                      >
                        {t('content.editor.edit')}
                      </Button>
                      {m.latest.status === 'draft' && (
                        <Button
                          size="compact-sm"
                          loading={submit.isPending && submit.variables === m.id}
                          onClick={() => submit.mutate(m.id)}
                          aria-label={t('content.editor.submitNamed', { title: mt })}
                        >
                          {t('content.editor.submit')}
                        </Button>
                      )}
                      {!m.approvedVersionId && m.latest.status !== 'in_review' && (
                        <ConfirmButton
                          size="compact-sm"
                          variant="outline"
                          color="red.9"
                          danger
                          title={t('content.editor.deleteMaterial')}
                          message={t('content.editor.deleteMaterialText', { title: mt })}
                          confirmLabel={t('content.editor.delete')}
                          aria-label={t('content.editor.deleteMaterialNamed', { title: mt })}
                          onConfirm={() => del(`/api/v1/content/materials/${m.id}`).then(refresh)}
                        >
                          {t('content.editor.delete')}
                        </ConfirmButton>
                      )}
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'versions', material: m })}
                        aria-label={t('content.editor.versionsNamed', { title: mt })}
                      >
                        {t('content.editor.versions')}
                      </Button>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
            <Button
              mt="sm"
              size="compact-sm"
              variant="light"
              w="fit-content"
              onClick={() => setDialog({ kind: 'material', sectionId: s.id })}
              aria-label={t('content.editor.addMaterialTo', { title })}
            >
              {t('content.editor.addMaterial')}
            </Button>
          </Card>
        );
      })}
      <AppModal
        opened={dialog?.kind === 'section'}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === 'section' && dialog.section
            ? t('content.editor.rename')
            : t('content.editor.addSection')
        }
        size="lg"
      >
        {dialog?.kind === 'section' && (
          <SectionForm
            disciplineId={disciplineId}
            offeringId={offeringId}
            section={dialog.section}
            onSaved={() => {
              setDialog(null);
              void refresh();
            }}
          />
        )}
      </AppModal>
      <AppModal
        opened={dialog?.kind === 'material'}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === 'material' && dialog.material
            ? t('content.editor.edit')
            : t('content.editor.addMaterial')
        }
        size="xl"
      >
        {dialog?.kind === 'material' && (
          <MaterialForm
            sectionId={dialog.sectionId}
            material={dialog.material}
            onSaved={() => {
              setDialog(null);
              void refresh();
            }}
          />
        )}
      </AppModal>
      <AppModal
        opened={dialog?.kind === 'versions'}
        onClose={() => setDialog(null)}
        title={t('content.versions.title')}
        size="xl"
      >
        {dialog?.kind === 'versions' && <VersionsPanel materialId={dialog.material.id} />}
      </AppModal>
    </Stack>
  );
}

function SectionForm({
  disciplineId,
  offeringId,
  section,
  onSaved,
}: {
  disciplineId: string;
  offeringId?: string;
  section?: ComplexSection;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>(section?.kind ?? 'week');
  const [title, setTitle] = useState<Record<string, string>>({ kk: '', ru: '', en: '', ...section?.title });
  const [own, setOwn] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const t2 = Object.fromEntries(Object.entries(title).filter(([, v]) => v.trim()));
      return section
        ? patch(`/api/v1/content/sections/${section.id}`, { kind, title: t2 })
        : post(`/api/v1/disciplines/${disciplineId}/content/sections`, {
            kind,
            title: t2,
            position: 1000,
            ...(own && offeringId ? { offeringId } : {}),
          });
    },
    onSuccess: onSaved,
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <FormAlert error={save.error} />
        <Select
          label={t('content.editor.sectionKind')}
          data={['syllabus', 'week', 'topic'].map((k) => ({
            value: k,
            label: t(`content.sectionKind.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
        />
        {(['kk', 'ru', 'en'] as const).map((l) => (
          <TextInput
            key={l}
            lang={l}
            label={t(`content.editor.titleIn.${l}`)}
            value={title[l] ?? ''}
            maxLength={300}
            onChange={(e) => setTitle((o) => ({ ...o, [l]: e.currentTarget.value }))}
            error={errors[`title.${l}`]}
          />
        ))}
        <Text size="xs">{t('content.editor.titleHint')}</Text>
        {!section && offeringId && (
          <Checkbox
            label={t('content.editor.offeringOnly')}
            checked={own}
            onChange={(e) => setOwn(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
