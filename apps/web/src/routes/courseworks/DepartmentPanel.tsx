import {
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post, put } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { languages } from '../../i18n/index.ts';
import { PeoplePicker } from '../academics/shared.tsx';
import { type CourseWorkDto, cwKeys, cwUrl, type Localized, useLocalized } from './shared.tsx';

const langs = ['kk', 'ru', 'en'] as const;
const kinds = ['outline', 'chapters', 'full_draft', 'final', 'other'] as const;

/** What the department sets: how topics are taken, the topics, and the milestones. */
export function DepartmentPanel({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="cw-dept">
      <Title order={2} size="h4" id="cw-dept" mb="sm">
        {t('courseworks.department.title')}
      </Title>
      <Stack gap="xl">
        <SettingsForm data={data} />
        <TopicsTable data={data} />
        <PublishTopics data={data} />
        <MilestonesEditor data={data} />
      </Stack>
    </Card>
  );
}

function useSave(offeringId: string) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const run = async (act: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await act();
      setSaved(true);
      await qc.invalidateQueries({ queryKey: cwKeys.one(offeringId) });
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, saved, run };
}

function SettingsForm({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<string>(data.settings.choiceMode);
  const [own, setOwn] = useState(data.settings.allowOwnTopics);
  const s = useSave(data.offeringId);
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(() =>
          put(`${cwUrl(data.offeringId)}/settings`, { choiceMode: mode, allowOwnTopics: own }),
        );
      }}
    >
      <FormAlert error={s.error} />
      <Radio.Group label={t('courseworks.settings.mode')} value={mode} onChange={setMode}>
        <Group mt="xs">
          <Radio value="approval" label={t('courseworks.settings.approval')} />
          <Radio value="first_come" label={t('courseworks.settings.firstCome')} />
        </Group>
      </Radio.Group>
      <Checkbox
        label={t('courseworks.settings.allowOwn')}
        checked={own}
        onChange={(e) => setOwn(e.currentTarget.checked)}
      />
      <Group>
        <Button type="submit" loading={s.busy}>
          {t('courseworks.settings.save')}
        </Button>
        {s.saved && (
          <Text size="sm" role="status">
            {t('courseworks.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function TopicsTable({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const name = useLocalized();
  if (data.topics.length === 0) return <Text size="sm">{t('courseworks.topics.none')}</Text>;
  return (
    <Table>
      <Table.Caption>{t('courseworks.topics.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
          <Table.Th scope="col">{t('courseworks.topics.supervisor')}</Table.Th>
          <Table.Th scope="col">{t('courseworks.topics.availability')}</Table.Th>
          <Table.Th scope="col">{t('courseworks.decide.learner')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.topics.map((tp) => (
          <Table.Tr key={tp.id}>
            <Table.Td>{name(tp.title)}</Table.Td>
            <Table.Td>{tp.supervisor.name}</Table.Td>
            <Table.Td>{t(`courseworks.availability.${tp.availability}`)}</Table.Td>
            <Table.Td>{tp.heldBy?.name ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type TopicRow = { key: number; title: Localized; supervisorId: string | null };
let nextKey = 0;
const emptyTopic = (): TopicRow => ({
  key: nextKey++,
  title: { kk: '', ru: '', en: '' },
  supervisorId: null,
});

function PublishTopics({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<TopicRow[]>([emptyTopic()]);
  const s = useSave(data.offeringId);
  const errs = fieldErrors(s.error);
  const known = Object.fromEntries(data.topics.map((tp) => [tp.supervisor.id, tp.supervisor.name]));
  const set = (i: number, row: TopicRow) => setRows(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void s
          .run(() =>
            post(`${cwUrl(data.offeringId)}/topics`, {
              topics: rows.map((r) => ({ title: r.title, supervisorId: r.supervisorId })),
            }),
          )
          .then((ok) => ok && setRows([emptyTopic()]));
      }}
    >
      <Title order={3} size="h5">
        {t('courseworks.publish.title')}
      </Title>
      <FormAlert error={s.error} />
      {rows.map((r, i) => (
        <Card
          withBorder
          key={r.key}
          component="fieldset"
          aria-label={t('courseworks.publish.topicN', { n: i + 1 })}
        >
          <Group align="flex-start" wrap="wrap">
            {langs.map((l) => (
              <TextInput
                key={l}
                required
                w={260}
                label={t(`courseworks.fields.title_${l}`)}
                value={r.title[l]}
                onChange={(e) => set(i, { ...r, title: { ...r.title, [l]: e.currentTarget.value } })}
                error={errs[`topics.${i}.title.${l}`]}
              />
            ))}
            <PeoplePicker
              label={t('courseworks.publish.supervisor')}
              value={r.supervisorId ? [r.supervisorId] : []}
              onChange={(ids) => set(i, { ...r, supervisorId: ids[ids.length - 1] ?? null })}
              error={errs[`topics.${i}.supervisorId`]}
              known={known}
            />
          </Group>
        </Card>
      ))}
      <Group>
        <Button variant="default" onClick={() => setRows([...rows, emptyTopic()])}>
          {t('courseworks.publish.addRow')}
        </Button>
        <Button type="submit" loading={s.busy}>
          {t('courseworks.publish.submit')}
        </Button>
        {s.saved && (
          <Text size="sm" role="status">
            {t('courseworks.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

type MilestoneRow = { id?: string; kind: string; title: Localized; dueOn: string };

function MilestonesEditor({ data }: { data: CourseWorkDto }) {
  const { t, i18n } = useTranslation();
  // A milestone's title is filled in all three languages from its kind: their messages are
  // loaded here (the app otherwise loads only the interface language's).
  useEffect(() => {
    void i18n.loadLanguages([...languages]);
  }, [i18n]);
  const name = useLocalized();
  const [rows, setRows] = useState<MilestoneRow[]>(
    data.milestones.length
      ? data.milestones.map((m) => ({ id: m.id, kind: m.kind, title: m.title, dueOn: m.dueOn }))
      : [{ kind: 'outline', title: { kk: '', ru: '', en: '' }, dueOn: '' }],
  );
  const s = useSave(data.offeringId);
  const errs = fieldErrors(s.error);
  const set = (i: number, row: MilestoneRow) => setRows(rows.map((r, j) => (j === i ? row : r)));
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(async () => {
          const saved = await put<{ milestones: CourseWorkDto['milestones'] }>(
            `${cwUrl(data.offeringId)}/milestones`,
            { milestones: rows },
          );
          setRows(saved.milestones.map((m) => ({ id: m.id, kind: m.kind, title: m.title, dueOn: m.dueOn })));
        });
      }}
    >
      <Title order={3} size="h5">
        {t('courseworks.milestones.title')}
      </Title>
      <Text size="sm">{t('courseworks.milestones.help')}</Text>
      <FormAlert error={s.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('courseworks.milestones.kind')}</Table.Th>
            <Table.Th scope="col">{t('courseworks.milestones.names')}</Table.Th>
            <Table.Th scope="col">{t('courseworks.milestones.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const n = i + 1;
            return (
              <Table.Tr key={r.id ?? `new-${i}`}>
                <Table.Td>
                  <Select
                    label={t('courseworks.milestones.kindN', { n })}
                    data={kinds.map((k) => ({ value: k, label: t(`courseworks.kind.${k}`) }))}
                    value={r.kind}
                    onChange={(v) => {
                      const kind = v ?? 'other';
                      const blank = !r.title.kk && !r.title.ru && !r.title.en;
                      set(i, {
                        ...r,
                        kind,
                        title: blank
                          ? {
                              kk: t(`courseworks.kind.${kind}`, { lng: 'kk' }),
                              ru: t(`courseworks.kind.${kind}`, { lng: 'ru' }),
                              en: t(`courseworks.kind.${kind}`, { lng: 'en' }),
                            }
                          : r.title,
                      });
                    }}
                    allowDeselect={false}
                  />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {langs.map((l) => (
                      <TextInput
                        key={l}
                        required
                        size="xs"
                        label={`${t(`courseworks.fields.title_${l}`)} (${n})`}
                        value={r.title[l]}
                        onChange={(e) => set(i, { ...r, title: { ...r.title, [l]: e.currentTarget.value } })}
                        error={errs[`milestones.${i}.title.${l}`]}
                      />
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    type="date"
                    required
                    label={t('courseworks.milestones.dueOnN', { n })}
                    value={r.dueOn}
                    min={data.periodStart}
                    max={data.sessionStart}
                    onChange={(e) => set(i, { ...r, dueOn: e.currentTarget.value })}
                    error={errs[`milestones.${i}.dueOn`]}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    aria-label={t('courseworks.milestones.removeNamed', { name: name(r.title) || String(n) })}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    disabled={rows.length === 1}
                  >
                    {t('courseworks.milestones.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="default"
          onClick={() => setRows([...rows, { kind: 'other', title: { kk: '', ru: '', en: '' }, dueOn: '' }])}
        >
          {t('courseworks.milestones.add')}
        </Button>
        <Button type="submit" loading={s.busy}>
          {t('courseworks.milestones.save')}
        </Button>
        {s.saved && (
          <Text size="sm" role="status">
            {t('courseworks.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
