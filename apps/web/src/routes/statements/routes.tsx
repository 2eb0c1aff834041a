import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { StatementPage } from './StatementPage.tsx';
import { StatementsPage } from './StatementsPage.tsx';

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
