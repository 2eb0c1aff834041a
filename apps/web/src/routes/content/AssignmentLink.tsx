import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatInstant } from '../../components/format.ts';
import type { LearnerMaterial } from './shared.tsx';

/** The offering's assignment in its course-page placeholder: a link, the deadline, the learner's state. */
export function AssignmentLink({ a }: { a: NonNullable<LearnerMaterial['assignment']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <AnchorLink to="/assignments/$assignmentId" params={{ assignmentId: a.id }}>
        {a.title}
      </AnchorLink>
      <Text size="sm">
        {t('content.material.assignmentDue', { at: formatInstant(a.dueAt, i18n.language) })}
      </Text>
      {a.state && (
        <Badge variant="outline" color="dark">
          {t(`assignments.state.${a.state}`)}
        </Badge>
      )}
    </Group>
  );
}
