import { Badge, Button, Card, Group, Radio, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay, formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { MaterialBodyView } from './MaterialView.tsx';
import {
  type ContentLang,
  contentKeys,
  contentLangs,
  kindLabel,
  localized,
  materialTitle,
  statusColor,
  statusLabel,
} from './shared.tsx';
import { VersionsPanel, versionsQuery } from './VersionsPanel.tsx';

const langNames: Record<ContentLang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/**
 * A material as its editors and reviewers read it: the latest version in every language it
 * is written in, the reviewer's decision, and the version history.
 */
export function MaterialReviewPage({ materialId }: { materialId: string }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery(versionsQuery(materialId));
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const m = data.material;
  const v = m.latest;
  const body = v.body as Record<string, (typeof v.body)[string] | undefined>;
  const langs = contentLangs.filter((l) => body[l]);
  return (
    <Stack>
      <PageHeader title={materialTitle(i18n.language, v.body)}>
        {data.canReview && <AnchorLink to="/content/reviews">{t('content.reviews.title')}</AnchorLink>}
        {data.canEdit && (
          <AnchorLink to="/content/disciplines/$disciplineId" params={{ disciplineId: data.discipline.id }}>
            {t('content.editor.title')}
          </AnchorLink>
        )}
      </PageHeader>
      <Group gap="md" wrap="wrap">
        <Text size="sm">
          {data.discipline.code} — {localized(i18n.language, data.discipline.name)}
        </Text>
        <Text size="sm">{kindLabel(t, m.kind)}</Text>
        <Text size="sm">{t('content.editor.versionNo', { n: v.versionNo })}</Text>
        <Badge variant="outline" color={statusColor[v.status]}>
          {statusLabel(t, v.status)}
        </Badge>
        <Text size="sm">
          {m.lastApprovedAt
            ? t('content.editor.lastApproved', { day: formatDay(m.lastApprovedAt, i18n.language) })
            : t('content.editor.neverApproved')}
        </Text>
        {v.submittedAt && (
          <Text size="sm">
            {t('content.reviews.submittedAt', { at: formatInstant(v.submittedAt, i18n.language) })}
          </Text>
        )}
      </Group>
      {v.reviewComment && (
        <Card withBorder>
          <Text size="sm" fw={700}>
            {t('content.reviews.comment')}
          </Text>
          <Text size="sm">{v.reviewComment}</Text>
        </Card>
      )}
      <Card withBorder component="section" aria-labelledby="mat-content">
        <Title order={2} size="h4" id="mat-content" mb="xs">
          {t('content.reviews.content')}
        </Title>
        <Tabs defaultValue={langs[0]}>
          <Tabs.List>
            {langs.map((l) => (
              <Tabs.Tab key={l} value={l}>
                {langNames[l]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {langs.map((l) => {
            const b = body[l]!;
            return (
              <Tabs.Panel key={l} value={l} pt="sm" lang={l}>
                <Title order={3} size="h5" mb="xs">
                  {b.title}
                </Title>
                <MaterialBodyView
                  m={{
                    kind: m.kind,
                    title: b.title,
                    html: b.html,
                    url: b.url,
                    hasFile: Boolean(b.fileId),
                    toc: b.toc,
                    fileType: m.kind === 'textbook' ? 'application/pdf' : undefined,
                  }}
                  fileHref={`/api/v1/content/materials/${m.id}/versions/${v.id}/file?lang=${l}`}
                  canDownload
                />
              </Tabs.Panel>
            );
          })}
        </Tabs>
      </Card>
      {data.canReview && v.status === 'in_review' && <ReviewForm materialId={m.id} mine={false} />}
      <Card withBorder component="section" aria-labelledby="mat-versions">
        <Title order={2} size="h4" id="mat-versions" mb="xs">
          {t('content.versions.title')}
        </Title>
        <VersionsPanel materialId={m.id} />
      </Card>
    </Stack>
  );
}

function ReviewForm({ materialId }: { materialId: string; mine: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<'approve' | 'return'>('approve');
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: () => post(`/api/v1/content/materials/${materialId}/review`, { decision, comment }),
    onSuccess: () => qc.invalidateQueries({ queryKey: contentKeys.all }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="review-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="review-title">
            {t('content.reviews.decide')}
          </Title>
          <FormAlert error={decide.error} />
          <Radio.Group
            label={t('content.reviews.decision')}
            value={decision}
            onChange={(v) => setDecision(v as 'approve' | 'return')}
          >
            <Group mt="xs">
              <Radio value="approve" label={t('content.reviews.approve')} />
              <Radio value="return" label={t('content.reviews.return')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('content.reviews.comment')}
            description={t('content.reviews.commentHint')}
            required={decision === 'return'}
            autosize
            minRows={4}
            maxLength={10000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button type="submit" w="fit-content" loading={decide.isPending}>
            {t('content.reviews.send')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
