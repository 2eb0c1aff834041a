import { useQueries } from '@tanstack/react-query';
import type { User } from '#core/wire/users.ts';
import { get } from '../../api/client.ts';
import { displayName, usePermissions } from '../../api/session.ts';

/** Names of people by id, for those who may read the user directory; others see ids. */
export function useUserNames(ids: string[]): Record<string, string> {
  const perms = usePermissions();
  const unique = [...new Set(ids)];
  const answers = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['users', id],
      queryFn: () => get<User>(`/api/v1/users/${id}`),
      enabled: perms.has('users.read'),
      staleTime: 60_000,
    })),
  });
  const out: Record<string, string> = {};
  unique.forEach((id, i) => {
    const u = answers[i]?.data;
    out[id] = u ? displayName(u) : id;
  });
  return out;
}
