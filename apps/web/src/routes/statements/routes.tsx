import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const StatementPage = lazyRouteComponent(() => import('./StatementPage.tsx'), 'StatementPage');
const StatementsPage = lazyRouteComponent(() => import('./StatementsPage.tsx'), 'StatementsPage');

/** The statements list (with generation) and one statement, under the signed-in layout. */
export function statementsRoutes<P extends AnyRoute>(parent: P) {
  const list = createRoute({ getParentRoute: () => parent, path: '/statements', component: StatementsPage });
  const one = createRoute({
    getParentRoute: () => parent,
    path: '/statements/$statementId',
    component: function One() {
      const { statementId } = useParams({ strict: false });
      return <StatementPage key={statementId} id={statementId ?? ''} />;
    },
  });
  return [list, one] as const;
}
