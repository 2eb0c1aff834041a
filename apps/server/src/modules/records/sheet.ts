/**
 * Reads a CSV or XLSX upload into a header and rows of strings, the way the user import
 * does (zip directory checked before anything is unpacked), for the records' own columns.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { guardZip, isZip } from '../users/import-parse.ts';

export type Table = { columns: string[]; rows: Array<{ line: number; cells: Record<string, string> }> };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
  }
  return String(v);
}

async function grid(buf: Buffer): Promise<string[][]> {
  if (isZip(buf)) {
    guardZip(buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const out: string[][] = [];
    ws?.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      out[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    return Array.from(out, (r) => r ?? []);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  // The header row names the delimiter: data rows with one filled cell give Papa nothing to guess from.
  const head = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => head.includes(d)) ?? ',';
  return Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter }).data;
}

const normalize = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Columns by code name (aliases map other spellings); missing required columns are reported. */
export async function readTable(
  buf: Buffer,
  known: Record<string, string[]>,
  required: string[],
): Promise<Table> {
  let g: string[][];
  try {
    g = await grid(buf);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(422, 'import-unreadable', 'import.unreadable');
  }
  const alias = new Map<string, string>();
  for (const [code, names] of Object.entries(known)) {
    alias.set(code, code);
    for (const n of names) alias.set(normalize(n), code);
  }
  const header = (g[0] ?? []).map((h) => alias.get(normalize(h)) ?? '');
  const errors: FieldError[] = [];
  for (const r of required) {
    if (!header.includes(r))
      errors.push({
        pointer: '/file',
        code: 'missing_column',
        detail: 'import.missingColumn',
        params: { column: r },
        line: 1,
        column: r,
      });
  }
  if (errors.length) throw new AppError(422, 'import-invalid', 'import.failed', { errors });
  const rows: Table['rows'] = [];
  g.slice(1).forEach((cells, i) => {
    if (cells.every((c) => !String(c ?? '').trim())) return;
    const rec: Record<string, string> = {};
    header.forEach((code, j) => {
      if (code) rec[code] = String(cells[j] ?? '').trim();
    });
    rows.push({ line: i + 2, cells: rec });
  });
  if (rows.length === 0) throw new AppError(422, 'import-empty', 'import.empty');
  return { columns: header, rows };
}
