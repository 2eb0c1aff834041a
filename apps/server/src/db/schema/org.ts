import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The organization tree (R-ORG-1): university → faculties → departments, with service
 * units (DL institute, IT department, registrar, …) beside them.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    /** university | faculty | department | dl_institute | it_department | academic_affairs | registrar | assessment_unit | deans_office | quality_service | service_unit */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_code_key').on(sql`lower(${t.code})`),
    index('org_units_parent_idx').on(t.parentId),
  ],
);

/** Groups nest to any depth: cohort, academic group, subgroup. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => groups.id),
    /** cohort | academic_group | subgroup */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('groups_code_key').on(sql`lower(${t.code})`),
    index('groups_parent_idx').on(t.parentId),
  ],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);
