import { defaultGradingSettings } from '#core/grading/settings.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';

export const gradebookRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/grading-settings',
    cases: [
      {
        name: 'everyone signed in reads',
        request: () => ({ url: '/api/v1/grading-settings' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/grading-settings/effective',
    cases: [
      {
        name: 'everyone signed in reads',
        request: () => ({ url: '/api/v1/grading-settings/effective?year=2026' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/grading-settings',
    cases: [
      {
        name: 'registrar and administrators only',
        // Far in the future so the versions made here never govern another test's year.
        request: () => ({
          url: '/api/v1/grading-settings',
          payload: {
            appliesFromYear: 2099,
            reason: 'authorization matrix',
            settings: defaultGradingSettings,
          },
        }),
        expect: { anonymous: 401, suspended: 401, registrar: 201, admin: 201, others: 403 },
      },
    ],
  },
];
