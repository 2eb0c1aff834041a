/**
 * Reads an import file into rows of strings: CSV (UTF-8, with or without BOM, comma or
 * semicolon) or XLSX. XLSX files are zip archives, so their directory is checked for
 * total unpacked size, entry count and escaping paths before anything is unpacked.
 */

import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { type ImportColumn, importColumns } from '#core/wire/users.ts';
import { AppError } from '../../platform/errors.ts';

export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1000;

export type Sheet = {
  /** Column index → column code, from the header row. */
  columns: (ImportColumn | null)[];
  /** Data rows with their 1-based line (row) number in the file. */
  rows: Array<{ line: number; cells: string[] }>;
  headerProblems: Array<{ column: string; key: string }>;
};

const aliases: Record<ImportColumn, string[]> = {
  login: ['логин', 'кіру аты', 'username', 'user name', 'user'],
  surname: ['тегі', 'фамилия', 'last name', 'family name'],
  given_name: ['given name', 'first name', 'name', 'аты', 'имя'],
  patronymic: ['әкесінің аты', 'отчество', 'middle name'],
  email: ['e-mail', 'e mail', 'электрондық пошта', 'эл. пошта', 'электронная почта', 'эл. почта', 'почта'],
  phone: ['телефон', 'phone number', 'телефон нөмірі', 'номер телефона'],
  iin: ['жсн', 'иин'],
  record_book_no: [
    'record book no',
    'record book number',
    'record book',
    'сынақ кітапшасының нөмірі',
    'сынақ кітапшасы',
    'номер зачетной книжки',
    'зачетная книжка',
  ],
  preferred_language: ['language', 'preferred language', 'тіл', 'язык'],
  group: ['топ', 'группа', 'group code', 'топ коды', 'код группы'],
  role: ['рөл', 'роль', 'role code'],
};

const normalize = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\*+$/, '')
    .replace(/[\s_]+/g, ' ')
    .trim();

const headerMap = new Map<string, ImportColumn>();
for (const c of importColumns) {
  headerMap.set(normalize(c), c);
  for (const a of aliases[c]) headerMap.set(normalize(a), c);
}

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** Reads the zip directory only (nothing is inflated) and refuses bombs and odd paths. */
export function guardZip(buf: Buffer): void {
  let total = 0;
  let entries = 0;
  let bad = false;
  try {
    unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      filter(file) {
        entries++;
        total += file.originalSize;
        if (file.name.startsWith('/') || file.name.split(/[\\/]/).includes('..')) bad = true;
        return false;
      },
    });
  } catch {
    throw new AppError(422, 'import-unreadable', 'import.unreadable');
  }
  if (bad) throw new AppError(422, 'import-unreadable', 'import.unreadable');
  if (total > MAX_UNPACKED_BYTES || entries > MAX_ZIP_ENTRIES) {
    throw new AppError(422, 'import-archive-too-large', 'import.archiveTooLarge');
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
  }
  return String(v);
}

async function readXlsx(buf: Buffer): Promise<string[][]> {
  guardZip(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError(422, 'import-unreadable', 'import.unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    out[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(out, (r) => r ?? []);
}

function readCsv(buf: Buffer): string[][] {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  return parsed.data;
}

export async function readSheet(buf: Buffer): Promise<Sheet> {
  let table: string[][];
  try {
    table = isZip(buf) ? await readXlsx(buf) : readCsv(buf);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(422, 'import-unreadable', 'import.unreadable');
  }
  const header = table[0] ?? [];
  const headerProblems: Sheet['headerProblems'] = [];
  const seen = new Set<ImportColumn>();
  const columns = header.map((h) => {
    if (!h.trim()) return null;
    const c = headerMap.get(normalize(h));
    if (!c) {
      headerProblems.push({ column: h.trim(), key: 'import.unknownColumn' });
      return null;
    }
    if (seen.has(c)) headerProblems.push({ column: c, key: 'import.duplicateColumn' });
    seen.add(c);
    return c;
  });
  for (const required of ['login', 'surname', 'given_name'] as const) {
    if (!seen.has(required)) headerProblems.push({ column: required, key: 'import.missingColumn' });
  }
  const rows: Sheet['rows'] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = (table[i] ?? []).map((c) => (c ?? '').trim());
    if (cells.every((c) => c === '')) continue;
    rows.push({ line: i + 1, cells });
  }
  return { columns, rows, headerProblems };
}
