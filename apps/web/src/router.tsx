import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  type RouteComponent,
  redirect,
  useParams,
} from '@tanstack/react-router';
import { onPendingRequirement, onSessionLost } from './api/client.ts';
import { queryClient } from './api/query.ts';
import { meKey, meQuery } from './api/session.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { academicsRoutes } from './routes/academics/routes.tsx';
import { interchangeRoutes } from './routes/assessment/interchange/routes.tsx';
import { assessmentRoutes } from './routes/assessment/routes.tsx';
import { assignmentsRoutes } from './routes/assignments/routes.tsx';
import { contentRoutes } from './routes/content/routes.tsx';
import { courseWorksRoutes } from './routes/courseworks/routes.tsx';
import { NotFoundPage } from './routes/errors/NotFoundPage.tsx';
import { gradebookRoutes } from './routes/gradebook/routes.tsx';
import { progressRoutes } from './routes/progress/routes.tsx';
import { recordsRoutes } from './routes/records/routes.tsx';
import { statementsRoutes } from './routes/statements/routes.tsx';
import { transcriptsRoutes } from './routes/transcripts/routes.tsx';

// Each page loads when first opened: the app does not ship every area up front.
const AccountPage = lazyRouteComponent(() => import('./routes/account/AccountPage.tsx'), 'AccountPage');
const AuditPage = lazyRouteComponent(() => import('./routes/admin/audit/AuditPage.tsx'), 'AuditPage');
const GroupsPage = lazyRouteComponent(() => import('./routes/admin/groups/GroupsPage.tsx'), 'GroupsPage');
const ImportPage = lazyRouteComponent(() => import('./routes/admin/import/ImportPage.tsx'), 'ImportPage');
const OrgPage = lazyRouteComponent(() => import('./routes/admin/org/OrgPage.tsx'), 'OrgPage');
const OutboxMessagePage = lazyRouteComponent(
  () => import('./routes/admin/outbox/OutboxMessagePage.tsx'),
  'OutboxMessagePage',
);
const OutboxPage = lazyRouteComponent(() => import('./routes/admin/outbox/OutboxPage.tsx'), 'OutboxPage');
const RolesPage = lazyRouteComponent(() => import('./routes/admin/roles/RolesPage.tsx'), 'RolesPage');
const UserEditPage = lazyRouteComponent(
  () => import('./routes/admin/users/UserEditPage.tsx'),
  'UserEditPage',
);
const UsersPage = lazyRouteComponent(() => import('./routes/admin/users/UsersPage.tsx'), 'UsersPage');
const ActivatePage = lazyRouteComponent(() => import('./routes/auth/ActivatePage.tsx'), 'ActivatePage');
const ChangePasswordPage = lazyRouteComponent(
  () => import('./routes/auth/ChangePasswordPage.tsx'),
  'ChangePasswordPage',
);
const ForgotPasswordPage = lazyRouteComponent(
  () => import('./routes/auth/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = lazyRouteComponent(
  () => import('./routes/auth/ResetPasswordPage.tsx'),
  'ResetPasswordPage',
);
const SignInPage = lazyRouteComponent(() => import('./routes/auth/SignInPage.tsx'), 'SignInPage');
const TwoFactorSetupPage = lazyRouteComponent(
  () => import('./routes/auth/TwoFactorSetupPage.tsx'),
  'TwoFactorSetupPage',
);
const HomePage = lazyRouteComponent(() => import('./routes/HomePage.tsx'), 'HomePage');
const ConfirmEmailPage = lazyRouteComponent(
  () => import('./routes/auth/ConfirmEmailPage.tsx'),
  'ConfirmEmailPage',
);
const VerifyPage = lazyRouteComponent(() => import('./routes/statements/VerifyPage.tsx'), 'VerifyPage');

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Only same-site paths are followed after sign-in. */
function safeRedirect(to: string | undefined): string {
  return to?.startsWith('/') && !to.startsWith('//') ? to : '/';
}

// Pages for people who are not signed in.
const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});

const signInRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => ({ redirect: str(s.redirect) }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ to: safeRedirect(search.redirect) });
  },
  component: SignInPage,
});
const forgotRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});
const resetRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/reset-password',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: ResetPasswordPage,
});
// The link mailed to a new e-mail address: opened signed in or not.
const confirmEmailRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/confirm-email',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: ConfirmEmailPage,
});
const activateRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/activate',
  validateSearch: (s: Record<string, unknown>): { login?: string } => ({ login: str(s.login) }),
  component: ActivatePage,
});

// The page a printed statement's QR code opens: anyone may check a document.
const verifyRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/verify/$code',
  component: VerifyPage,
});

// Signed in, but a password change or two-factor setup comes before anything else.
const pendingRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'pending',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
  },
  component: PublicLayout,
});
const changePasswordRoute = createRoute({
  getParentRoute: () => pendingRoute,
  path: '/change-password',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me?.user.mustChangePassword) throw redirect({ to: '/' });
  },
  component: ChangePasswordPage,
});
const twoFactorSetupRoute = createRoute({
  getParentRoute: () => pendingRoute,
  path: '/two-factor-setup',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me?.user.mustChangePassword) throw redirect({ to: '/change-password' });
    if (!me?.user.mustSetupTwoFactor) throw redirect({ to: '/' });
  },
  component: TwoFactorSetupPage,
});

// The application proper.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    if (me.user.mustChangePassword) throw redirect({ to: '/change-password' });
    if (me.user.mustSetupTwoFactor) throw redirect({ to: '/two-factor-setup' });
  },
  component: AppLayout,
});

const page = <P extends string>(path: P, component: RouteComponent) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

const homeRoute = page('/', HomePage);
const accountRoute = page('/account', AccountPage);
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  validateSearch: (
    s: Record<string, unknown>,
  ): { q?: string; status?: string; role?: string; page?: number } => ({
    q: str(s.q),
    status: str(s.status),
    role: str(s.role),
    page: typeof s.page === 'number' && s.page > 0 ? s.page : undefined,
  }),
  component: UsersPage,
});
const userNewRoute = page('/admin/users/new', () => <UserEditPage userId={null} />);
const userEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users/$userId',
  component: function UserEdit() {
    const { userId } = useParams({ strict: false });
    return <UserEditPage userId={userId ?? null} />;
  },
});
const orgRoute = page('/admin/org', OrgPage);
const groupsRoute = page('/admin/groups', GroupsPage);
const importRoute = page('/admin/import', ImportPage);
const rolesRoute = page('/admin/roles', RolesPage);
const outboxRoute = page('/admin/outbox', OutboxPage);
const outboxMessageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/outbox/$messageId',
  component: function OutboxMessage() {
    const { messageId } = useParams({ strict: false });
    return <OutboxMessagePage id={messageId ?? ''} />;
  },
});
const auditRoute = page('/admin/audit', AuditPage);

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([
    signInRoute,
    forgotRoute,
    resetRoute,
    confirmEmailRoute,
    activateRoute,
    verifyRoute,
  ]),
  pendingRoute.addChildren([changePasswordRoute, twoFactorSetupRoute]),
  appRoute.addChildren([
    homeRoute,
    accountRoute,
    usersRoute,
    userNewRoute,
    userEditRoute,
    orgRoute,
    groupsRoute,
    importRoute,
    rolesRoute,
    outboxRoute,
    outboxMessageRoute,
    auditRoute,
    ...academicsRoutes(appRoute),
    ...gradebookRoutes(appRoute),
    ...assessmentRoutes(appRoute),
    ...assignmentsRoutes(appRoute),
    ...recordsRoutes(appRoute),
    ...statementsRoutes(appRoute),
    ...transcriptsRoutes(appRoute),
    ...progressRoutes(appRoute),
    ...interchangeRoutes(appRoute),
    ...courseWorksRoutes(appRoute),
    ...contentRoutes(appRoute),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: false,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

// A refusal that says "change your password first" (or "set up two-factor") sends the user there.
onPendingRequirement((type) => {
  void queryClient.invalidateQueries({ queryKey: meKey }).then(() => {
    void router.navigate({
      to: type === 'password-change-required' ? '/change-password' : '/two-factor-setup',
    });
  });
});
// The session ended (expired, revoked by an administrator): back to the sign-in page.
onSessionLost(() => {
  queryClient.setQueryData(meKey, null);
  const here = router.state.location.href;
  if (!here.startsWith('/sign-in')) void router.navigate({ to: '/sign-in', search: { redirect: here } });
});
