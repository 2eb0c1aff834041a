import type { ReactNode } from 'react';
import type { Permission } from '#core/permissions.ts';
import { canAny, usePermissions } from '../api/session.ts';
import { NotAllowedPage } from '../routes/errors/NotAllowedPage.tsx';

/** Shows the "not allowed" page to users without the permission; the API refuses them too. */
export function RequirePermission({ any, children }: { any: readonly Permission[]; children: ReactNode }) {
  const perms = usePermissions();
  return canAny(perms, any) ? children : <NotAllowedPage />;
}
