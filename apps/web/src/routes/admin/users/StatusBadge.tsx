import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = { active: 'teal.9', deactivated: 'gray.8', pseudonymized: 'dark.7' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={colors[status] ?? 'gray.8'}>
      {t(`userStatus.${status}`)}
    </Badge>
  );
}
