import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Permission } from '#core/permissions.ts';
import type { CurrentUser, SessionAnswer } from '#core/wire/auth.ts';
import i18n, { isLanguage, rememberLanguage } from '../i18n/index.ts';
import { ApiError, api, setCsrfToken } from './client.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no session. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<SessionAnswer | null> => {
    try {
      const answer = await api<SessionAnswer>('GET', '/api/v1/me', { quiet401: true });
      acceptSession(answer);
      return answer;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw err;
    }
  },
  staleTime: 60_000,
});

/** Takes the CSRF token; the profile's language wins over the browser's remembered one. */
export function acceptSession(answer: SessionAnswer, adoptLanguage = false) {
  setCsrfToken(answer.csrfToken);
  const lang = answer.user.preferredLanguage;
  if (adoptLanguage && isLanguage(lang) && lang !== i18n.language) {
    rememberLanguage(lang);
    void i18n.changeLanguage(lang);
  }
}

export function useMe(): CurrentUser | null {
  const { data } = useQuery(meQuery);
  return data?.user ?? null;
}

/**
 * The permissions the user holds in at least one scope, to decide what the navigation
 * shows. The API checks every request itself; this only hides what would be refused.
 */
export function permissionsOf(user: CurrentUser | null): Set<string> {
  return new Set(user?.permissions ?? []);
}

export function usePermissions(): Set<string> {
  return permissionsOf(useMe());
}

export function canAny(perms: Set<string>, wanted: readonly Permission[]): boolean {
  return wanted.some((p) => perms.has(p));
}

export function displayName(u: { surname: string; givenName: string; patronymic?: string | null }): string {
  return [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ');
}
