import { queryOptions } from '@tanstack/react-query';
import type { Group, OrgUnit } from '#core/wire/org.ts';
import type { Role } from '#core/wire/users.ts';
import { get } from './client.ts';

/** Reference lists several admin pages pick from. */
export const rolesQuery = queryOptions({
  queryKey: ['roles'],
  queryFn: () => get<{ items: Role[] }>('/api/v1/roles'),
  staleTime: 60_000,
});

export const orgUnitsQuery = queryOptions({
  queryKey: ['org-units', 'flat'],
  queryFn: () => get<{ items: OrgUnit[] }>('/api/v1/org-units'),
  staleTime: 30_000,
});

export const groupsQuery = queryOptions({
  queryKey: ['groups', 'all'],
  queryFn: () => get<{ items: Group[] }>('/api/v1/groups'),
  staleTime: 30_000,
});
