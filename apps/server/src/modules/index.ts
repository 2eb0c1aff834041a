import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { academicsRoutes } from './academics/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { assignmentsRoutes } from './assignments/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { contentRoutes } from './content/routes.ts';
import { courseWorkRoutes } from './courseworks/routes.ts';
import { journalRoutes } from './gradebook/journal/routes.ts';
import { gradingSettingsRoutes } from './gradebook/settings/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { notificationsRoutes } from './notifications/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { progressRoutes } from './progress/routes.ts';
import { recordsRoutes } from './records/routes.ts';
import { rolesRoutes } from './roles/routes.ts';
import { statementsRoutes } from './statements/routes.ts';
import { transcriptsRoutes } from './transcripts/routes.ts';
import { usersRoutes } from './users/routes.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** An area's routes: registered under /api by app.ts, given the shared context. */
export type AreaRoutes = (app: ZodApp, ctx: AppContext) => Promise<void>;

/** Every area of the API, in registration order. */
export const areas: AreaRoutes[] = [
  healthRoutes,
  authRoutes,
  usersRoutes,
  rolesRoutes,
  orgRoutes,
  notificationsRoutes,
  adminRoutes,
  gradingSettingsRoutes,
  journalRoutes,
  academicsRoutes,
  assessmentRoutes,
  assignmentsRoutes,
  contentRoutes,
  recordsRoutes,
  courseWorkRoutes,
  statementsRoutes,
  progressRoutes,
  transcriptsRoutes,
];
