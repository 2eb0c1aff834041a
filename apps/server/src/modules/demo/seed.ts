import type { Db } from '../../db/client.ts';

export async function seedDemo(_db: Db, _opts: { print?: boolean; onlyIfEmpty?: boolean }): Promise<void> {}
