import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../../api/client.ts';

/** Download the bank (or one category with the ones inside it) as Moodle XML or GIFT. */
export function ExportPanel({
  disciplineId,
  categories,
}: {
  disciplineId: string;
  categories: { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState(i18n.language === 'ru' || i18n.language === 'en' ? i18n.language : 'kk');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const href = (format: 'moodlexml' | 'gift') =>
    withQuery(`/api/v1/disciplines/${disciplineId}/question-exports`, {
      format,
      lang,
      categoryId: categoryId ?? undefined,
    });
  return (
    <Stack component="section" aria-labelledby="interchange-export" mt="xl">
      <Title order={2} size="h3" id="interchange-export">
        {t('interchange.exportHeading')}
      </Title>
      <Text size="sm">{t('interchange.exportIntro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('interchange.exportCategory')}
          placeholder={t('interchange.wholeBank')}
          data={categories}
          value={categoryId}
          onChange={setCategoryId}
          clearable
          searchable
          w={280}
        />
        <Select
          label={t('interchange.langLabel')}
          data={(['kk', 'ru', 'en'] as const).map((l) => ({ value: l, label: t(`interchange.lang.${l}`) }))}
          value={lang}
          onChange={(v) => v && setLang(v)}
          allowDeselect={false}
          w={180}
        />
        <Button component="a" href={href('moodlexml')} download variant="default">
          {t('interchange.exportXml')}
        </Button>
        <Button component="a" href={href('gift')} download variant="default">
          {t('interchange.exportGift')}
        </Button>
      </Group>
    </Stack>
  );
}
