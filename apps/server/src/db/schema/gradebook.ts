import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

/**
 * Versions of the grading settings (GRADING.md). A version applies from an academic year
 * (its start year) until a later version does; results store the version they used.
 */
export const gradingSettingsVersions = pgTable(
  'grading_settings_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionNo: integer('version_no').notNull(),
    appliesFromYear: integer('applies_from_year').notNull(),
    settings: jsonb('settings').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grading_settings_versions_no_key').on(t.versionNo)],
);
