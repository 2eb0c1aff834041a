import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, usePermissions } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { enumLabel, formatDate } from '../academics/shared.tsx';
import { ContractForm } from './ContractForm.tsx';
import { CreditTransferForm } from './CreditTransferForm.tsx';
import { OrderForm } from './OrderForm.tsx';
import {
  cardQuery,
  fullName,
  type LearnerCard,
  type LearnerOrder,
  LearnerStatusBadge,
  orderKindLabel,
} from './shared.tsx';

/** A learner's card as the dean's office, the DL institute or an advisor sees it. */
export function LearnerCardPage({ learnerId }: { learnerId: string }) {
  return <Card learnerId={learnerId} own={false} />;
}

/** The learner's own record: status, why access is closed, every order. */
export function MyRecordPage() {
  const me = useMe();
  return me ? <Card learnerId={me.id} own /> : null;
}

function Card({ learnerId, own }: { learnerId: string; own: boolean }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const navigate = useNavigate();
  const { data: card, error } = useQuery(cardQuery(learnerId));
  const [ordering, setOrdering] = useState<{ cancels?: LearnerOrder } | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [contracting, setContracting] = useState(false);
  const title = own ? t('records.card.myTitle') : card ? fullName(card.learner) : t('records.card.title');
  if (error) return <QueryError error={error} />;
  const mayOrder = !own && perms.has('records.orders');
  const mayContract = !own && (perms.has('records.orders') || perms.has('records.admit'));
  const day = (d: string | null | undefined) => (d ? formatDate(d, i18n.language) : '—');
  return (
    <Stack>
      <PageHeader title={title}>
        {card && (
          <Group>
            {own ? (
              <Button variant="default" component={Link} to="/my-study-plan">
                {t('records.nav.myPlan')}
              </Button>
            ) : (
              <Button
                variant="default"
                onClick={() =>
                  void navigate({ to: '/records/learners/$learnerId/plan', params: { learnerId } })
                }
              >
                {t('records.plan.title')}
              </Button>
            )}
            {own ? (
              <Button variant="default" component={Link} to="/my-transcript">
                {t('transcripts.nav.myTranscript')}
              </Button>
            ) : (
              <Button
                variant="default"
                onClick={() =>
                  void navigate({ to: '/records/learners/$learnerId/transcript', params: { learnerId } })
                }
              >
                {t('transcripts.page.title')}
              </Button>
            )}
            {mayOrder && <Button onClick={() => setOrdering({})}>{t('records.orders.new')}</Button>}
          </Group>
        )}
      </PageHeader>
      {card && (
        <>
          {!card.access.allowed && (
            <Alert color="grape.9" variant="outline" title={t('records.card.accessClosed')} role="status">
              {card.access.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={4}>
              <Title order={2} size="h4">
                {t('records.card.who')}
              </Title>
              <Field label={t('records.fields.learner')} value={fullName(card.learner)} />
              <Field label={t('records.fields.login')} value={card.learner.login} />
              <Field label={t('records.fields.recordBookNo')} value={card.learner.recordBookNo ?? '—'} />
              <Group gap="xs">
                <Text size="sm" fw={700}>
                  {t('records.fields.status')}:
                </Text>
                <LearnerStatusBadge status={card.status} />
                {card.statusSince && (
                  <Text size="sm">{t('records.card.since', { day: day(card.statusSince) })}</Text>
                )}
              </Group>
            </Stack>
            <Stack gap={4}>
              <Title order={2} size="h4">
                {t('records.card.study')}
              </Title>
              {card.profile ? (
                <>
                  <Field
                    label={t('records.fields.programme')}
                    value={`${card.profile.programmeCode}, ${t('records.fields.intakeYear')} ${card.profile.intakeYear}`}
                  />
                  <Field
                    label={t('records.fields.group')}
                    value={
                      card.group
                        ? `${card.group.code} (${t('records.card.year', { n: card.group.yearOfStudy })})`
                        : '—'
                    }
                  />
                  <Field
                    label={t('records.fields.studyForm')}
                    value={enumLabel(t, 'studyForm', card.profile.studyForm)}
                  />
                  <Field
                    label={t('records.fields.dltCategory')}
                    value={
                      card.profile.dltCategory ? enumLabel(t, 'dltCategory', card.profile.dltCategory) : '—'
                    }
                  />
                  <Field
                    label={t('records.fields.funding')}
                    value={t(`records.funding.${card.profile.funding}`)}
                  />
                  {card.profile.contract && (
                    <Field
                      label={t('records.fields.contract')}
                      value={t('records.card.contract', {
                        number: card.profile.contract.number,
                        from: day(card.profile.contract.from),
                        to: day(card.profile.contract.to),
                        amount: card.profile.contract.amount ?? '—',
                        status: card.profile.contract.status
                          ? t(`records.contract.statuses.${card.profile.contract.status}`)
                          : '—',
                      })}
                    />
                  )}
                  {mayContract && card.profile.funding === 'paid' && (
                    <Group>
                      <Button size="xs" variant="default" onClick={() => setContracting(true)}>
                        {t('records.contract.change')}
                      </Button>
                    </Group>
                  )}
                  <Field
                    label={t('records.fields.documents')}
                    value={t('records.card.documents', { count: card.profile.documentFileIds.length })}
                  />
                  {card.profile.documents.length > 0 && (
                    <ul aria-label={t('records.card.documentLinks')}>
                      {card.profile.documents.map((d) => (
                        <li key={d.id}>
                          <Anchor
                            size="sm"
                            href={`/api/v1/learners/${learnerId}/documents/${d.id}`}
                            download={d.name}
                          >
                            {t('records.card.downloadDocument', { name: d.name })}
                          </Anchor>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <Text size="sm">{t('records.card.notAdmitted')}</Text>
              )}
            </Stack>
          </SimpleGrid>
          <OrdersTable card={card} mayOrder={mayOrder} onCancel={(o) => setOrdering({ cancels: o })} />
          <Transfers card={card} mayOrder={mayOrder} onAdd={() => setTransferring(true)} />
          <PastGrades card={card} />
          {ordering && <OrderForm card={card} cancels={ordering.cancels} onClose={() => setOrdering(null)} />}
          {transferring && <CreditTransferForm card={card} onClose={() => setTransferring(false)} />}
          {contracting && <ContractForm card={card} onClose={() => setContracting(false)} />}
        </>
      )}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span fw={700}>
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

function orderDetails(t: TFunction, o: LearnerOrder, day: (d: string) => string) {
  const d = o.details as Record<string, string | undefined>;
  const parts: string[] = [];
  if (o.kind === 'academic_leave' && d.leaveTo)
    parts.push(t('records.orders.leaveUntil', { from: day(o.effectiveOn), to: day(d.leaveTo) }));
  if (o.toGroupCode) parts.push(t('records.orders.intoGroup', { group: o.toGroupCode }));
  if (o.kind === 'transfer' && typeof o.details.repeatsYear === 'number')
    parts.push(t('records.orders.repeatsYear', { year: o.details.repeatsYear }));
  if (d.reason) parts.push(d.reason);
  return parts.join(' · ');
}

function OrdersTable({
  card,
  mayOrder,
  onCancel,
}: {
  card: LearnerCard;
  mayOrder: boolean;
  onCancel: (o: LearnerOrder) => void;
}) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDate(d, i18n.language);
  const byId = new Map(card.orders.map((o) => [o.id, o]));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('records.orders.history')}
      </Title>
      <Table.ScrollContainer minWidth={800}>
        <Table striped>
          <Table.Caption>{t('records.orders.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('records.orders.number')}</Table.Th>
              <Table.Th>{t('records.orders.orderDate')}</Table.Th>
              <Table.Th>{t('records.orders.effectiveOn')}</Table.Th>
              <Table.Th>{t('records.orders.kind')}</Table.Th>
              <Table.Th>{t('records.orders.details')}</Table.Th>
              <Table.Th>{t('records.orders.signer')}</Table.Th>
              {mayOrder && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {card.orders.map((o) => {
              const cancelledBy = o.cancelledByOrderId ? byId.get(o.cancelledByOrderId) : undefined;
              const target = o.cancelsOrderId ? byId.get(o.cancelsOrderId) : undefined;
              return (
                <Table.Tr key={o.id} td={cancelledBy ? 'line-through' : undefined}>
                  <Table.Td>{o.number}</Table.Td>
                  <Table.Td>{day(o.orderDate)}</Table.Td>
                  <Table.Td>{day(o.effectiveOn)}</Table.Td>
                  <Table.Td>
                    {orderKindLabel(t, o.kind)}
                    {cancelledBy && (
                      <Badge ml="xs" variant="outline" color="gray.8" td="none">
                        {t('records.orders.cancelledBy', { number: cancelledBy.number })}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {target
                      ? t('records.orders.cancels', {
                          number: target.number,
                          kind: orderKindLabel(t, target.kind),
                        })
                      : ''}
                    {orderDetails(t, o, day)}
                  </Table.Td>
                  <Table.Td>{o.signerName}</Table.Td>
                  {mayOrder && (
                    <Table.Td>
                      {!cancelledBy && o.kind !== 'cancellation' && (
                        <Anchor component="button" type="button" size="sm" onClick={() => onCancel(o)}>
                          {t('records.orders.cancelAction', { number: o.number })}
                        </Anchor>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Transfers({ card, mayOrder, onAdd }: { card: LearnerCard; mayOrder: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  if (card.creditTransfers.length === 0 && !mayOrder) return null;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('records.transfer.title')}
        </Title>
        {mayOrder && card.profile && (
          <Button variant="default" onClick={onAdd}>
            {t('records.transfer.add')}
          </Button>
        )}
      </Group>
      {card.creditTransfers.length === 0 ? (
        <Text size="sm">{t('records.transfer.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Caption>{t('records.transfer.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.transfer.institution')}</Table.Th>
                <Table.Th>{t('records.transfer.discipline')}</Table.Th>
                <Table.Th>{t('records.transfer.credits')}</Table.Th>
                <Table.Th>{t('records.transfer.grade')}</Table.Th>
                <Table.Th>{t('records.transfer.mapped')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.creditTransfers.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.institution}</Table.Td>
                  <Table.Td>{c.disciplineName}</Table.Td>
                  <Table.Td>{c.credits}</Table.Td>
                  <Table.Td>
                    {c.letter} ({c.percent})
                  </Table.Td>
                  <Table.Td>
                    {c.entryId ? t('records.transfer.isMapped') : t('records.transfer.notMapped')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function PastGrades({ card }: { card: LearnerCard }) {
  const { t } = useTranslation();
  if (card.pastGrades.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('records.pastGrades.onCard')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Caption>{t('records.pastGrades.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('records.pastGrades.period')}</Table.Th>
              <Table.Th>{t('records.pastGrades.discipline')}</Table.Th>
              <Table.Th>{t('records.transfer.credits')}</Table.Th>
              <Table.Th>{t('records.transfer.grade')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {card.pastGrades.map((g) => (
              <Table.Tr key={`${g.period}-${g.disciplineId}`}>
                <Table.Td>{g.period}</Table.Td>
                <Table.Td>{g.disciplineCode}</Table.Td>
                <Table.Td>{g.credits}</Table.Td>
                <Table.Td>
                  {g.letter} ({g.percent})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
