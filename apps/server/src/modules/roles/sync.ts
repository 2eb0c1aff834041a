import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { roles } from '../../db/schema/index.ts';
import { roleCatalogue } from './catalogue.ts';

/** Upserts the built-in roles; keeps an administrator's two-factor requirement. */
export async function syncRoleCatalogue(db: DbOrTx): Promise<void> {
  for (const r of roleCatalogue) {
    await db
      .insert(roles)
      .values({
        code: r.code,
        nameKk: r.name.kk,
        nameRu: r.name.ru,
        nameEn: r.name.en,
        permissions: [...r.permissions],
        scopeTypes: [...r.scopeTypes],
        requiresTwoFactor: r.requiresTwoFactor ?? false,
        builtIn: true,
      })
      .onConflictDoUpdate({
        target: roles.code,
        set: {
          nameKk: sql`excluded.name_kk`,
          nameRu: sql`excluded.name_ru`,
          nameEn: sql`excluded.name_en`,
          permissions: sql`excluded.permissions`,
          scopeTypes: sql`excluded.scope_types`,
        },
      });
  }
}
