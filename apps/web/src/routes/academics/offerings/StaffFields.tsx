import { Alert, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { PeoplePicker } from '../shared.tsx';

export type StaffValues = { teacherIds: string[]; tutorIds: string[]; justification: string };

/** The first field problem under a list ("/teacherIds/1" → teacherIds). */
export function listError(err: unknown, field: string): string | undefined {
  const all = fieldErrors(err);
  const key = Object.keys(all).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? all[key] : undefined;
}

export const isUncertified = (err: unknown) =>
  err instanceof ApiError && err.type === 'teacher-not-certified';

/**
 * Teachers and tutors; when the API refuses an uncertified teacher (R-STF-1) the refusal is
 * shown, and a DL-institute director may give a justification and try again.
 */
export function StaffFields({
  values,
  onChange,
  error,
  known,
}: {
  values: StaffValues;
  onChange: (v: StaffValues) => void;
  error: unknown;
  known?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const perms = usePermissions();
  const uncertified = isUncertified(error);
  const mayWaive = perms.has('certificates.waive');
  return (
    <Stack>
      <PeoplePicker
        label={t('academics.fields.teachers')}
        value={values.teacherIds}
        onChange={(teacherIds) => onChange({ ...values, teacherIds })}
        error={listError(error, 'teacherIds')}
        known={known}
      />
      <PeoplePicker
        label={t('academics.fields.tutors')}
        value={values.tutorIds}
        onChange={(tutorIds) => onChange({ ...values, tutorIds })}
        error={listError(error, 'tutorIds')}
        known={known}
      />
      {uncertified && (
        <Alert color="red.9" variant="outline" title={t('academics.offerings.uncertifiedTitle')}>
          {mayWaive ? t('academics.offerings.uncertifiedWaive') : t('academics.offerings.uncertifiedNoWaive')}
        </Alert>
      )}
      {(uncertified && mayWaive) || values.justification ? (
        <Textarea
          label={t('academics.fields.justification')}
          description={t('academics.offerings.justificationHelp')}
          required
          autosize
          minRows={2}
          value={values.justification}
          onChange={(e) => onChange({ ...values, justification: e.currentTarget.value })}
          error={listError(error, 'justification')}
        />
      ) : null}
    </Stack>
  );
}
