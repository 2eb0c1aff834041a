import { ApiError } from '../api/client.ts';
import { NotAllowedPage } from '../routes/errors/NotAllowedPage.tsx';
import { NotFoundPage } from '../routes/errors/NotFoundPage.tsx';
import { FormAlert } from './FormAlert.tsx';

/** A failed page load: the API's 403 and 404 become the matching pages. */
export function QueryError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 403)
    return <NotAllowedPage reason={error.type === 'learner-access-closed' ? error.detail : undefined} />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  return <FormAlert error={error} />;
}
