import ExcelJS from 'exceljs';
import type { JournalDto } from '#core/wire/journal.ts';
import type { Language } from '../../../platform/i18n.ts';
import { t } from '../../../platform/i18n.ts';

/** The journal as a spreadsheet: one sheet per academic group, the columns of the screen. */
export async function journalWorkbook(journal: JournalDto, lang: Language): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'KATU distance learning';
  const tabs =
    journal.groups.length > 0
      ? journal.groups
      : [{ id: null, code: journal.offering.code, name: journal.offering.code }];
  for (const group of tabs) {
    const sheet = book.addWorksheet(group.code.slice(0, 31));
    const header = [
      t(lang, 'journal.export.number'),
      t(lang, 'journal.export.learner'),
      t(lang, 'journal.export.recordBook'),
      ...journal.activities.map((a) => `${a.title} (${t(lang, 'journal.export.week', { week: a.dueWeek })})`),
      'ТК₁',
      'R1',
      'ТК₂',
      'R2',
      t(lang, 'journal.export.admissionRating'),
      t(lang, 'journal.export.admitted'),
    ];
    sheet.addRow([
      `${journal.offering.discipline.code} ${journal.offering.discipline.name[lang]} — ${group.name}`,
    ]);
    sheet.addRow(header).font = { bold: true };
    const rows = journal.rows.filter((r) => group.id === null || r.learner.groupId === group.id);
    rows.forEach((r, i) => {
      const name = [r.learner.surname, r.learner.givenName, r.learner.patronymic].filter(Boolean).join(' ');
      sheet.addRow([
        i + 1,
        name,
        r.learner.recordBookNo ?? '',
        ...journal.activities.map((a) => {
          const score = r.cells[a.id]?.score;
          return score === null || score === undefined ? null : Number(score);
        }),
        Number(r.computed.tk1),
        r.computed.r1,
        Number(r.computed.tk2),
        r.computed.r2,
        r.computed.admissionRating,
        t(lang, r.computed.admitted ? 'journal.export.yes' : 'journal.export.no'),
      ]);
    });
    sheet.getColumn(2).width = 36;
    sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
