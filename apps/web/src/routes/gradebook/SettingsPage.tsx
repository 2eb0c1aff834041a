import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradingSettingsVersion } from '#core/wire/grading.ts';
import { fieldErrors, get, post } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { currentStartYear } from '../academics/shared.tsx';
import { gbKeys } from './shared.tsx';

type Settings = GradingSettingsVersion['settings'];
type Band = Settings['scale'][number];
type BandForm = Omit<Band, 'minPercent' | 'maxPercent'> & { minPercent: string; maxPercent: string };
type Form = {
  appliesFromYear: number | string;
  reason: string;
  scale: BandForm[];
  ratingCurrent: string;
  ratingRating: string;
  admissionThreshold: number | string;
  finalAdmission: string;
  finalExam: string;
  examPassMark: number | string;
  failCap: number | string;
  maxRetakes: number | string;
  transferGpa: Record<string, string>;
  promotionGpaBasis: Settings['promotionGpaBasis'];
  outstandingFBlocksPromotion: boolean;
  journalEditDays: number | string;
  journalReopenDays: number | string;
};

const YEARS = ['1', '2', '3', '4', '5', '6', '7'];

function toForm(v: GradingSettingsVersion, year: number): Form {
  const s = v.settings;
  return {
    appliesFromYear: year,
    reason: '',
    scale: s.scale.map((b) => ({ ...b, minPercent: String(b.minPercent), maxPercent: String(b.maxPercent) })),
    ratingCurrent: s.ratingWeights.current,
    ratingRating: s.ratingWeights.rating,
    admissionThreshold: s.admissionThreshold,
    finalAdmission: s.finalWeights.admission,
    finalExam: s.finalWeights.exam,
    examPassMark: s.examPassMark,
    failCap: s.failCap,
    maxRetakes: s.maxRetakes,
    transferGpa: { ...s.transferGpa },
    promotionGpaBasis: s.promotionGpaBasis,
    outstandingFBlocksPromotion: s.outstandingFBlocksPromotion,
    journalEditDays: s.journalEditDays,
    journalReopenDays: s.journalReopenDays,
  };
}

const int = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

function toBody(f: Form) {
  const transferGpa: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.transferGpa)) if (v.trim() !== '') transferGpa[k] = v.trim();
  return {
    appliesFromYear: int(f.appliesFromYear),
    reason: f.reason.trim(),
    settings: {
      scale: f.scale.map((b) => ({ ...b, minPercent: int(b.minPercent), maxPercent: int(b.maxPercent) })),
      ratingWeights: { current: f.ratingCurrent.trim(), rating: f.ratingRating.trim() },
      admissionThreshold: int(f.admissionThreshold),
      finalWeights: { admission: f.finalAdmission.trim(), exam: f.finalExam.trim() },
      examPassMark: int(f.examPassMark),
      failCap: int(f.failCap),
      maxRetakes: int(f.maxRetakes),
      transferGpa,
      promotionGpaBasis: f.promotionGpaBasis,
      outstandingFBlocksPromotion: f.outstandingFBlocksPromotion,
      journalEditDays: int(f.journalEditDays),
      journalReopenDays: int(f.journalReopenDays),
    },
  };
}

/** The registrar's grading rules: the versions so far and a form for the next one. */
export function SettingsPage() {
  return (
    <RequirePermission any={['grading.manage']}>
      <Settings />
    </RequirePermission>
  );
}

function Settings() {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: gbKeys.settings,
    queryFn: () => get<{ items: GradingSettingsVersion[] }>('/api/v1/grading-settings'),
  });
  const year = currentStartYear();
  const inForce = useQuery({
    queryKey: [...gbKeys.settings, 'effective', year],
    queryFn: () => get<GradingSettingsVersion>('/api/v1/grading-settings/effective', { year }),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const latest = data.items[0];
  return (
    <Stack>
      <PageHeader title={t('gradebook.settings.title')} />
      <Card withBorder component="section" aria-labelledby="gb-versions">
        <Title order={2} size="h4" id="gb-versions" mb="sm">
          {t('gradebook.settings.versions')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('gradebook.settings.version')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.settings.appliesFrom')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.settings.summary')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.fields.reason')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.settings.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.versionNo}
                  {v.id === inForce.data?.id
                    ? ` (${t('gradebook.settings.inForce', { year: `${year}/${year + 1}` })})`
                    : ''}
                  {v === latest && v.id !== inForce.data?.id ? ` (${t('gradebook.settings.latest')})` : ''}
                </Table.Td>
                <Table.Td>
                  {v.appliesFromYear}/{v.appliesFromYear + 1}
                </Table.Td>
                <Table.Td>
                  {t('gradebook.settings.summaryText', {
                    threshold: v.settings.admissionThreshold,
                    current: v.settings.ratingWeights.current,
                    rating: v.settings.ratingWeights.rating,
                    admission: v.settings.finalWeights.admission,
                    exam: v.settings.finalWeights.exam,
                    bands: v.settings.scale.length,
                  })}
                </Table.Td>
                <Table.Td>{v.reason ?? '—'}</Table.Td>
                <Table.Td>{formatInstant(v.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {latest && <NewVersionForm base={latest} />}
    </Stack>
  );
}

function NewVersionForm({ base }: { base: GradingSettingsVersion }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nextYear = Math.max(base.appliesFromYear + 1, new Date().getFullYear());
  const [f, setF] = useState<Form>(() => toForm(base, nextYear));
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const fe = fieldErrors(error);
  const err = (...paths: string[]) => {
    for (const p of paths) {
      const m = missing[p] ?? fe[p] ?? fe[`settings.${p}`];
      if (m) return m;
    }
    return undefined;
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const setBand = (i: number, patch: Partial<BandForm>) =>
    setF((prev) => ({ ...prev, scale: prev.scale.map((b, j) => (j === i ? { ...b, ...patch } : b)) }));
  const bandErrors = (i: number) =>
    Object.entries(fe)
      .filter(([k]) => k === `settings.scale.${i}` || k.startsWith(`settings.scale.${i}.`))
      .map(([, v]) => v);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (f.reason.trim().length < 3) m.reason = t('gradebook.validation.reason');
    if (!Number.isInteger(int(f.appliesFromYear))) m.appliesFromYear = t('validation.required');
    setMissing(m);
    setStatus('');
    if (Object.keys(m).length) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await post<GradingSettingsVersion>('/api/v1/grading-settings', toBody(f));
      await qc.invalidateQueries({ queryKey: gbKeys.settings });
      setStatus(t('gradebook.settings.savedVersion', { version: saved.versionNo }));
      set('reason', '');
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  const scaleProblem = fe['settings.scale'];
  const col = {
    letter: t('gradebook.settings.letter'),
    points: t('gradebook.settings.points'),
    min: t('gradebook.settings.minPercent'),
    max: t('gradebook.settings.maxPercent'),
    kk: t('gradebook.settings.traditionalKk'),
    ru: t('gradebook.settings.traditionalRu'),
    en: t('gradebook.settings.traditionalEn'),
    passing: t('gradebook.settings.passing'),
  };
  return (
    <Card withBorder component="section" aria-labelledby="gb-new-version">
      <Title order={2} size="h4" id="gb-new-version" mb="sm">
        {t('gradebook.settings.newVersion')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <Group align="flex-start">
            <NumberInput
              label={t('gradebook.settings.appliesFromYear')}
              description={t('gradebook.settings.appliesFromHelp')}
              required
              min={2000}
              max={2100}
              value={f.appliesFromYear}
              onChange={(v) => set('appliesFromYear', v)}
              error={err('appliesFromYear')}
              w={260}
            />
            <Textarea
              label={t('gradebook.fields.reason')}
              required
              value={f.reason}
              onChange={(e) => set('reason', e.currentTarget.value)}
              error={err('reason')}
              autosize
              minRows={2}
              style={{ flex: 1, minWidth: 260 }}
            />
          </Group>
          <Title order={3} size="h5">
            {t('gradebook.settings.scale')}
          </Title>
          {scaleProblem && (
            <Text c="red.9" size="sm" role="alert">
              {scaleProblem}
            </Text>
          )}
          <div style={{ overflowX: 'auto' }}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  {Object.values(col).map((c) => (
                    <Table.Th scope="col" key={c}>
                      {c}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.scale.map((b, i) => {
                  const problems = bandErrors(i);
                  const row = t('gradebook.settings.row', { n: i + 1 });
                  const rowErrId = `gb-band-err-${i}`;
                  const described = problems.length ? rowErrId : undefined;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput
                          aria-label={`${col.letter}, ${row}`}
                          aria-describedby={described}
                          value={b.letter}
                          onChange={(e) => setBand(i, { letter: e.currentTarget.value.toUpperCase() })}
                          error={problems.length > 0}
                          w={64}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`${col.points}, ${row}`}
                          aria-describedby={described}
                          value={b.points}
                          onChange={(e) => setBand(i, { points: e.currentTarget.value })}
                          error={problems.length > 0}
                          w={72}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`${col.min}, ${row}`}
                          aria-describedby={described}
                          value={b.minPercent}
                          onChange={(e) => setBand(i, { minPercent: e.currentTarget.value })}
                          error={problems.length > 0}
                          w={64}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={`${col.max}, ${row}`}
                          aria-describedby={described}
                          value={b.maxPercent}
                          onChange={(e) => setBand(i, { maxPercent: e.currentTarget.value })}
                          error={problems.length > 0}
                          w={64}
                        />
                      </Table.Td>
                      {(['kk', 'ru', 'en'] as const).map((lang) => (
                        <Table.Td key={lang}>
                          <TextInput
                            aria-label={`${col[lang]}, ${row}`}
                            value={b.traditional[lang]}
                            onChange={(e) =>
                              setBand(i, { traditional: { ...b.traditional, [lang]: e.currentTarget.value } })
                            }
                            w={150}
                          />
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <Checkbox
                          aria-label={`${col.passing}, ${row}`}
                          checked={b.passing}
                          onChange={(e) => setBand(i, { passing: e.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => setF((p) => ({ ...p, scale: p.scale.filter((_, j) => j !== i) }))}
                        >
                          {t('gradebook.settings.removeRow', { row: b.letter || i + 1 })}
                        </Button>
                        {problems.length > 0 && (
                          <Text id={rowErrId} c="red.9" size="xs" mt={4}>
                            {problems.join(' ')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                setF((p) => ({
                  ...p,
                  scale: [
                    ...p.scale,
                    {
                      letter: '',
                      points: '0',
                      minPercent: '0',
                      maxPercent: '0',
                      traditional: { kk: '', ru: '', en: '' },
                      passing: false,
                    },
                  ],
                }))
              }
            >
              {t('gradebook.settings.addRow')}
            </Button>
          </Group>
          <Title order={3} size="h5">
            {t('gradebook.settings.weights')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput
              label={t('gradebook.settings.ratingCurrent')}
              value={f.ratingCurrent}
              onChange={(e) => set('ratingCurrent', e.currentTarget.value)}
              error={err('ratingWeights.current', 'ratingWeights')}
            />
            <TextInput
              label={t('gradebook.settings.ratingRating')}
              value={f.ratingRating}
              onChange={(e) => set('ratingRating', e.currentTarget.value)}
              error={err('ratingWeights.rating', 'ratingWeights')}
            />
            <TextInput
              label={t('gradebook.settings.finalAdmission')}
              value={f.finalAdmission}
              onChange={(e) => set('finalAdmission', e.currentTarget.value)}
              error={err('finalWeights.admission', 'finalWeights')}
            />
            <TextInput
              label={t('gradebook.settings.finalExam')}
              value={f.finalExam}
              onChange={(e) => set('finalExam', e.currentTarget.value)}
              error={err('finalWeights.exam', 'finalWeights')}
            />
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('gradebook.settings.thresholds')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {(
              [
                ['admissionThreshold', 0, 100],
                ['examPassMark', 0, 100],
                ['failCap', 0, 100],
                ['maxRetakes', 0, 10],
                ['journalEditDays', 0, 365],
                ['journalReopenDays', 1, 365],
              ] as const
            ).map(([k, min, max]) => (
              <NumberInput
                key={k}
                label={t(`gradebook.settings.${k}`)}
                min={min}
                max={max}
                allowDecimal={false}
                value={f[k]}
                onChange={(v) => set(k, v)}
                error={err(k)}
              />
            ))}
          </SimpleGrid>
          <Title order={3} size="h5">
            {t('gradebook.settings.transferGpa')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }}>
            {YEARS.map((y) => (
              <TextInput
                key={y}
                label={t('gradebook.settings.yearOfStudy', { year: y })}
                value={f.transferGpa[y] ?? ''}
                onChange={(e) => set('transferGpa', { ...f.transferGpa, [y]: e.currentTarget.value })}
                error={err(`transferGpa.${y}`)}
              />
            ))}
          </SimpleGrid>
          <Group align="flex-end">
            <Select
              label={t('gradebook.settings.promotionGpaBasis')}
              data={[
                { value: 'year', label: t('gradebook.settings.basis.year') },
                { value: 'cumulative', label: t('gradebook.settings.basis.cumulative') },
              ]}
              value={f.promotionGpaBasis}
              onChange={(v) => v && set('promotionGpaBasis', v as Form['promotionGpaBasis'])}
              allowDeselect={false}
              w={260}
            />
            <Checkbox
              label={t('gradebook.settings.outstandingFBlocksPromotion')}
              checked={f.outstandingFBlocksPromotion}
              onChange={(e) => set('outstandingFBlocksPromotion', e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('gradebook.settings.save')}
            </Button>
            <Text size="sm" role="status">
              {status}
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
