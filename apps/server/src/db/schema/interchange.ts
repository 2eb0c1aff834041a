import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { disciplines } from './academics.ts';
import { files } from './platform.ts';

/**
 * Images that came into a question bank inside an imported file (issue 7). Only files
 * listed here are served at /api/v1/question-images/:id: a question's text points at them.
 */
export const questionImages = pgTable(
  'question_images',
  {
    fileId: uuid('file_id')
      .primaryKey()
      .references(() => files.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('question_images_discipline_idx').on(t.disciplineId)],
);
