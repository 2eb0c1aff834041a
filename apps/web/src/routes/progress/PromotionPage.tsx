import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionPreview } from '#core/wire/progress.ts';
import { get, post } from '../../api/client.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { allProgrammesQuery, currentStartYear } from '../academics/shared.tsx';
import { OrderFields, useOrderHead } from './OrderFields.tsx';
import { UndoPromotion } from './UndoPromotion.tsx';

type Result = {
  promoted: number;
  orderNumber: string;
  groups: Array<{
    groupId: string;
    fromYearOfStudy: number;
    toYearOfStudy: number;
    offerings: number;
    later: number;
  }>;
  repeating: Array<{ learnerId: string; toGroupId: string; toGroupCode: string; created: boolean }>;
  registration: {
    plans: number;
    windows: Array<{ curriculumId: string; opensOn: string; closesOn: string; opened: boolean }>;
  };
};

/** The repeat-group choice "create a new group". */
const NEW = 'new';

/** Year-end promotion (R-GRD-5): a preview of who moves up and why not; nothing changes until confirmed. */
export function PromotionPage() {
  return (
    <RequirePermission any={['records.promote']}>
      <Promotion />
    </RequirePermission>
  );
}

function Promotion() {
  const { t, i18n } = useTranslation();
  const programmes = useQuery(allProgrammesQuery);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [yearOfStudy, setYearOfStudy] = useState<number | string>(1);
  const [startYear, setStartYear] = useState<number | string>(currentStartYear());
  const [asked, setAsked] = useState<{ programmeId: string; yearOfStudy: number; startYear: number } | null>(
    null,
  );
  const [missing, setMissing] = useState(false);
  const [order, setOrder] = useOrderHead();
  const [orderErrors, setOrderErrors] = useState<{ number?: string; signer?: string }>({});
  const [result, setResult] = useState<Result | null>(null);
  /** per moving group: the chosen repeat group (NEW: a new one) */
  const [repeatTo, setRepeatTo] = useState<Record<string, string>>({});
  const key = useRef<string | null>(null);
  const preview = useQuery({
    queryKey: ['progress', 'promotion', asked],
    queryFn: () => get<PromotionPreview>('/api/v1/promotion/preview', asked!),
    enabled: asked !== null,
    retry: false,
  });
  const p = preview.data;
  const reasonText = (r: string | null) => (r ? t(`progress.promotion.reason.${r}`) : '');
  const show = (e: React.FormEvent) => {
    e.preventDefault();
    setResult(null);
    if (!programmeId) {
      setMissing(true);
      return;
    }
    setMissing(false);
    key.current = null;
    setRepeatTo({});
    setAsked({ programmeId, yearOfStudy: Number(yearOfStudy), startYear: Number(startYear) });
  };
  const confirm = async () => {
    if (!p) return;
    key.current ??= crypto.randomUUID();
    const r = await post<Result>(
      '/api/v1/promotion',
      {
        programmeId: p.programmeId,
        yearOfStudy: p.yearOfStudy,
        startYear: p.startYear,
        promotedLearnerIds: p.learners.filter((l) => l.promoted).map((l) => l.learnerId),
        order: { ...order, number: order.number.trim() },
        repeatGroups: p.groups
          .filter((g) => g.moves && g.repeating > 0)
          .map((g) => ({
            groupId: g.id,
            toGroupId: repeatTo[g.id] && repeatTo[g.id] !== NEW ? repeatTo[g.id]! : null,
          })),
      },
      { 'idempotency-key': key.current },
    );
    key.current = null;
    setResult(r);
    await preview.refetch();
  };
  const orderReady = () => {
    const errs = {
      number: order.number.trim() ? undefined : t('progress.promotion.numberRequired'),
      signer: order.signerId ? undefined : t('progress.promotion.signerRequired'),
    };
    setOrderErrors(errs);
    return !errs.number && !errs.signer;
  };
  return (
    <Stack>
      <PageHeader title={t('progress.promotion.title')} />
      <Text size="sm">{t('progress.promotion.help')}</Text>
      <Card withBorder>
        <form onSubmit={show} noValidate aria-labelledby="promotion-which">
          <Stack>
            <Title order={2} size="h4" id="promotion-which">
              {t('progress.promotion.which')}
            </Title>
            <Group align="flex-start" wrap="wrap">
              <Select
                label={t('progress.promotion.programme')}
                required
                searchable
                w={360}
                data={(programmes.data?.items ?? []).map((x) => ({
                  value: x.id,
                  label: `${x.code} ${localizedName(i18n.language, x.name)}`,
                }))}
                value={programmeId}
                onChange={setProgrammeId}
                error={missing ? t('progress.promotion.pickProgramme') : undefined}
              />
              <NumberInput
                label={t('progress.promotion.yearOfStudy')}
                min={1}
                max={6}
                allowDecimal={false}
                value={yearOfStudy}
                onChange={setYearOfStudy}
                w={160}
              />
              <NumberInput
                label={t('progress.promotion.startYear')}
                description={t('progress.promotion.startYearHelp')}
                min={2000}
                max={2100}
                allowDecimal={false}
                value={startYear}
                onChange={setStartYear}
                w={220}
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={preview.isFetching}>
                {t('progress.promotion.preview')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {result && (
        <Alert variant="outline" color="teal.9" role="status" title={t('progress.promotion.doneTitle')}>
          <Stack gap={4}>
            <Text size="sm">
              {t('progress.promotion.done', { count: result.promoted, number: result.orderNumber })}
            </Text>
            {result.repeating.length > 0 && (
              <Text size="sm">
                {t('progress.promotion.repeatDone', {
                  count: result.repeating.length,
                  groups: [...new Set(result.repeating.map((r) => r.toGroupCode))].join(', '),
                })}
              </Text>
            )}
            <Text size="sm">
              {t('progress.promotion.registrationDone', {
                plans: result.registration.plans,
                windows: result.registration.windows.length
                  ? result.registration.windows
                      .map((w) =>
                        t('progress.promotion.registrationWindow', { from: w.opensOn, to: w.closesOn }),
                      )
                      .join('; ')
                  : t('progress.promotion.registrationNone'),
              })}
            </Text>
          </Stack>
        </Alert>
      )}
      {preview.error ? (
        <QueryError error={preview.error} inline />
      ) : p ? (
        <>
          <Text size="sm" aria-live="polite">
            {t('progress.promotion.summary', {
              promoted: p.promoted,
              notPromoted: p.notPromoted,
              required: p.requiredGpa ?? '—',
              basis: t(`progress.promotion.basis.${p.basis}`),
            })}{' '}
            {t(
              p.outstandingFBlocksPromotion
                ? 'progress.promotion.fBlocks'
                : 'progress.promotion.fDoesNotBlock',
            )}
          </Text>
          {p.learners.length === 0 ? (
            <Text>{t('progress.promotion.nobody')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Caption>{t('progress.promotion.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('progress.promotion.learner')}</Table.Th>
                    <Table.Th scope="col">{t('progress.promotion.group')}</Table.Th>
                    <Table.Th scope="col">GPA</Table.Th>
                    <Table.Th scope="col">{t('progress.promotion.outstandingF')}</Table.Th>
                    <Table.Th scope="col">{t('progress.promotion.decision')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.learners.map((l) => (
                    <Table.Tr key={l.learnerId}>
                      <Table.Th scope="row" fw={500}>
                        {l.fullName}
                      </Table.Th>
                      <Table.Td>{p.groups.find((g) => g.id === l.groupId)?.name ?? ''}</Table.Td>
                      <Table.Td>{l.gpa ?? '—'}</Table.Td>
                      <Table.Td>{l.outstandingF}</Table.Td>
                      <Table.Td>
                        {l.promoted ? (
                          <Badge variant="light" color="green.9">
                            {t('progress.promotion.promoted')}
                          </Badge>
                        ) : (
                          <Text size="sm">
                            {reasonText(l.reason)}
                            {l.repeatsYear
                              ? ` · ${t('progress.promotion.repeats', { year: p.yearOfStudy })}`
                              : ''}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {p.promoted > 0 && (
            <Card withBorder component="section" aria-labelledby="promotion-order">
              <Stack>
                <Title order={2} size="h4" id="promotion-order">
                  {t('progress.promotion.order')}
                </Title>
                <Group align="flex-start" wrap="wrap">
                  <OrderFields
                    value={order}
                    onChange={setOrder}
                    errors={orderErrors}
                    numberLabel={t('progress.promotion.orderNumber')}
                    dateLabel={t('progress.promotion.orderDate')}
                  />
                </Group>
                <RepeatGroups preview={p} value={repeatTo} onChange={setRepeatTo} />
                <Group justify="flex-end">
                  <ConfirmButton
                    variant="filled"
                    title={t('progress.promotion.confirmTitle')}
                    message={t('progress.promotion.confirmMessage', {
                      count: p.promoted,
                      from: p.yearOfStudy,
                      to: p.yearOfStudy + 1,
                    })}
                    confirmLabel={t('progress.promotion.confirm')}
                    onConfirm={async () => {
                      if (!orderReady()) throw new Error(t('progress.promotion.orderIncomplete'));
                      await confirm();
                    }}
                  >
                    {t('progress.promotion.confirm')}
                  </ConfirmButton>
                </Group>
              </Stack>
            </Card>
          )}
          <UndoPromotion
            key={`${p.programmeId}/${p.yearOfStudy}`}
            programmeId={p.programmeId}
            yearOfStudy={p.yearOfStudy}
            orderNumber={result?.orderNumber}
            onDone={async () => {
              setResult(null);
              await preview.refetch();
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}

/** Where those repeating the year go, per moving group: a group of the year that stays, or a new repeat group. */
function RepeatGroups({
  preview,
  value,
  onChange,
}: {
  preview: PromotionPreview;
  value: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const moving = preview.groups.filter((g) => g.moves && g.repeating > 0);
  if (moving.length === 0) return null;
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {t('progress.promotion.repeatTitle')}
      </Text>
      <Text size="sm">{t('progress.promotion.repeatHelp', { year: preview.yearOfStudy })}</Text>
      <Group align="flex-start" wrap="wrap">
        {moving.map((g) => (
          <NativeSelect
            key={g.id}
            w={360}
            label={t('progress.promotion.repeatGroup', { group: g.name, count: g.repeating })}
            data={[
              {
                value: NEW,
                label: t('progress.promotion.newRepeatGroup', { code: g.newRepeatGroupCode ?? '' }),
              },
              ...preview.repeatGroupOptions.map((o) => ({ value: o.id, label: `${o.code} ${o.name}` })),
            ]}
            value={value[g.id] ?? NEW}
            onChange={(e) => onChange({ ...value, [g.id]: e.currentTarget.value })}
          />
        ))}
      </Group>
    </Stack>
  );
}
