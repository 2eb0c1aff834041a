import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportAnswer, ImportPhase } from '#core/wire/interchange.ts';
import { ApiError, get, type Stage, uploadWithProgress } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StageProgress, stagePercent } from '../../../components/StageProgress.tsx';
import { ExportPanel } from './ExportPanel.tsx';

type Category = { id: string; parentId: string | null; name: string };
type Format = ImportAnswer['format'];
const PAGE = 50;

/** GIFT, Moodle XML, Aiken or Platonus from the file's name and first bytes. */
function guessFormat(file: File, head: string): Format {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xml') || head.includes('<quiz')) return 'moodlexml';
  if (/<question\d*>/i.test(head)) return 'platonus';
  if (/^\s*ANSWER\s*:/im.test(head) && !head.includes('{')) return 'aiken';
  return 'gift';
}

/** Category tree as indented labels, parents before children. */
function categoryOptions(items: Category[]) {
  const kids = new Map<string | null, Category[]>();
  for (const c of items) kids.set(c.parentId, [...(kids.get(c.parentId) ?? []), c]);
  const out: { value: string; label: string }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of kids.get(parent) ?? []) {
      out.push({ value: c.id, label: `${'— '.repeat(depth)}${c.name}` });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function ImportPage({ disciplineId }: { disciplineId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const cats = useQuery({
    queryKey: ['assessment', 'teach', 'categories', disciplineId],
    queryFn: () => get<{ items: Category[] }>(`/api/v1/disciplines/${disciplineId}/question-categories`),
  });
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('gift');
  const [encoding, setEncoding] = useState('auto');
  const [lang, setLang] = useState(i18n.language === 'ru' || i18n.language === 'en' ? i18n.language : 'kk');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage<ImportPhase> | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [page, setPage] = useState(1);

  const reset = () => {
    setPreview(null);
    setResult(null);
    setError(null);
    setPage(1);
  };
  const choose = async (f: File | null) => {
    setFile(f);
    reset();
    if (f) setFormat(guessFormat(f, await f.slice(0, 4096).text()));
  };

  const send = async (dryRun: boolean) => {
    if (!file || !categoryId) return null;
    setStage({ phase: 'upload', done: 0, total: 1 });
    setError(null);
    const form = new FormData();
    form.append('format', format);
    form.append('encoding', encoding);
    form.append('lang', lang);
    form.append('categoryId', categoryId);
    form.append('dryRun', String(dryRun));
    form.append('progress', 'true');
    form.append('file', file);
    try {
      return await uploadWithProgress<ImportAnswer, ImportPhase>(
        `/api/v1/disciplines/${disciplineId}/question-imports`,
        form,
        { firstPhase: 'read', onStage: setStage },
      );
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err : new Error(String(err)));
      return null;
    } finally {
      setStage(null);
    }
  };
  const check = async () => {
    reset();
    setPreview(await send(true));
  };
  const confirm = async () => {
    const answer = await send(false);
    if (answer) {
      setResult(answer);
      setPreview(null);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['assessment', 'teach'] });
    }
  };

  const busy = stage !== null;
  const options = categoryOptions(cats.data?.items ?? []);
  const formats = (['gift', 'moodlexml', 'aiken', 'platonus'] as const).map((f) => ({
    value: f,
    label: t(`interchange.format.${f}`),
  }));
  const langs = (['kk', 'ru', 'en'] as const).map((l) => ({ value: l, label: t(`interchange.lang.${l}`) }));
  return (
    <Stack maw={1100}>
      <PageHeader title={t('interchange.title')}>
        <Anchor href={`/teach/banks/${disciplineId}`}>{t('interchange.backToBank')}</Anchor>
      </PageHeader>
      <Title order={2} size="h3">
        {t('interchange.importHeading')}
      </Title>
      <Text size="sm">{t('interchange.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('interchange.file')}
          description={t('interchange.fileHelp')}
          accept=".txt,.gift,.xml,.text"
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          clearButtonProps={{ 'aria-label': t('interchange.clearFile') }}
          disabled={busy}
          w={320}
        />
        <Select
          label={t('interchange.formatLabel')}
          data={formats}
          value={format}
          onChange={(v) => {
            if (v) setFormat(v as Format);
            reset();
          }}
          allowDeselect={false}
          disabled={busy}
          w={200}
        />
        <Select
          label={t('interchange.encodingLabel')}
          data={[
            { value: 'auto', label: t('interchange.encoding.auto') },
            { value: 'utf-8', label: 'UTF-8' },
            { value: 'windows-1251', label: 'Windows-1251' },
          ]}
          value={encoding}
          onChange={(v) => {
            if (v) setEncoding(v);
            reset();
          }}
          allowDeselect={false}
          disabled={busy}
          w={200}
        />
        <Select
          label={t('interchange.langLabel')}
          description={t('interchange.langHelp')}
          data={langs}
          value={lang}
          onChange={(v) => {
            if (v) setLang(v);
            reset();
          }}
          allowDeselect={false}
          disabled={busy}
          w={180}
        />
        <Select
          label={t('interchange.categoryLabel')}
          placeholder={t('interchange.categoryPlaceholder')}
          data={options}
          value={categoryId}
          onChange={(v) => {
            setCategoryId(v);
            reset();
          }}
          searchable
          disabled={busy}
          w={280}
          error={cats.isSuccess && options.length === 0 ? t('interchange.noCategories') : undefined}
        />
      </Group>
      <Group>
        <Button
          onClick={() => void check()}
          disabled={!file || !categoryId || busy}
          loading={busy && !preview}
        >
          {t('interchange.check')}
        </Button>
      </Group>
      {stage && <StageProgress id="interchange-progress-label" stage={stage} label={stageLabel(t, stage)} />}
      <FormAlert error={error} />
      {result && (
        <Alert color="teal.9" variant="outline" role="status" title={t('interchange.done')}>
          {t('interchange.doneText', { count: result.created, images: result.images })}
        </Alert>
      )}
      {preview && (
        <Preview
          preview={preview}
          page={page}
          setPage={setPage}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={reset}
        />
      )}
      <ExportPanel disciplineId={disciplineId} categories={options} />
    </Stack>
  );
}

/** The phase under way: the upload's bytes, then the lines read, pictures stored, questions written. */
function stageLabel(t: TFunction, stage: Stage<ImportPhase>) {
  const percent = stagePercent(stage);
  if (stage.phase === 'upload') return t('interchange.uploading', { percent });
  if (stage.phase === 'read') return t('interchange.reading', { percent });
  return t(stage.phase === 'images' ? 'interchange.storingImages' : 'interchange.saving', {
    done: stage.done,
    total: stage.total,
  });
}

function Preview(props: {
  preview: ImportAnswer;
  page: number;
  setPage: (p: number) => void;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { preview: p, page } = props;
  const shown = p.items.slice((page - 1) * PAGE, page * PAGE);
  const path = (c: string[]) => (c.length ? c.join(' / ') : t('interchange.targetItself'));
  return (
    <Stack>
      <Alert color="blue.9" variant="outline" role="status" title={t('interchange.previewTitle')}>
        <Stack gap="xs">
          <Text size="sm">
            {t('interchange.previewCounts', {
              total: p.total,
              accepted: p.accepted,
              refused: p.refused.length,
              images: p.images,
              encoding: p.encoding,
            })}
          </Text>
          <Group>
            <Button onClick={props.onConfirm} loading={props.busy} disabled={p.accepted === 0}>
              {t('interchange.confirm', { count: p.accepted })}
            </Button>
            <Button variant="default" onClick={props.onCancel} disabled={props.busy}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Alert>
      {p.refused.length > 0 && (
        <section aria-labelledby="interchange-refused">
          <Title order={2} size="h4" id="interchange-refused" c="red.9">
            {t('interchange.refusedTitle', { count: p.refused.length })}
          </Title>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('interchange.position')}</Table.Th>
                <Table.Th>{t('interchange.line')}</Table.Th>
                <Table.Th>{t('interchange.name')}</Table.Th>
                <Table.Th>{t('interchange.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.refused.map((r) => (
                <Table.Tr key={`${r.position}-${r.line}`}>
                  <Table.Td>{r.position || '—'}</Table.Td>
                  <Table.Td>{r.line}</Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{r.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      <section aria-labelledby="interchange-categories">
        <Title order={2} size="h4" id="interchange-categories">
          {t('interchange.categoriesTitle')}
        </Title>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('interchange.category')}</Table.Th>
              <Table.Th>{t('interchange.questions')}</Table.Th>
              <Table.Th>{t('interchange.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.categories.map((c) => (
              <Table.Tr key={c.path.join('/')}>
                <Table.Td>{path(c.path)}</Table.Td>
                <Table.Td>{c.questions}</Table.Td>
                <Table.Td>{c.exists ? t('interchange.exists') : t('interchange.willCreate')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <section aria-labelledby="interchange-items">
        <Title order={2} size="h4" id="interchange-items">
          {t('interchange.itemsTitle', { count: p.accepted })}
        </Title>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('interchange.position')}</Table.Th>
              <Table.Th>{t('interchange.name')}</Table.Th>
              <Table.Th>{t('interchange.type')}</Table.Th>
              <Table.Th>{t('interchange.category')}</Table.Th>
              <Table.Th>{t('interchange.notes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((q) => (
              <Table.Tr key={q.position}>
                <Table.Td>{q.position}</Table.Td>
                <Table.Td>{q.name}</Table.Td>
                <Table.Td>{t(`interchange.qtype.${q.type}`)}</Table.Td>
                <Table.Td>{path(q.category)}</Table.Td>
                <Table.Td>
                  {q.warnings.map((w) => (
                    <Badge key={w} color="yellow.9" variant="outline" mr={4}>
                      {t(`interchange.warning.${w}`)}
                    </Badge>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {p.items.length > PAGE && (
          <Pagination
            mt="sm"
            total={Math.ceil(p.items.length / PAGE)}
            value={page}
            onChange={props.setPage}
            getControlProps={(c) => ({ 'aria-label': t('interchange.pageControl', { page: c }) })}
          />
        )}
      </section>
    </Stack>
  );
}
