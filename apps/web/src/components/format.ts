/**
 * Browsers carry no Kazakh date names (Chromium prints "2026 M09 7"), so Kazakh gets the
 * numeric form used in Kazakhstan: 07.09.2026 14:05, in Asia/Almaty.
 */
function kazakhNumeric(d: Date, withTime: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Almaty',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.day}.${parts.month}.${parts.year}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}

/** Instants are shown in Asia/Almaty, the university's time zone. */
export function formatInstant(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (lang === 'kk') return kazakhNumeric(d, true);
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  }).format(d);
}

export function formatDay(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (lang === 'kk') return kazakhNumeric(d, false);
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Asia/Almaty',
  }).format(d);
}

/** Offers text as a file download (activation codes, recovery codes). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  // A BOM so spreadsheet programs read Kazakh letters as UTF-8.
  const blob = new Blob([type.startsWith('text/csv') ? '\uFEFF' : '', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function csvCell(v: string): string {
  return /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
