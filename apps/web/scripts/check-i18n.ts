/**
 * Every key the web app uses literally (t('…'), label: '…' in nav) must exist in kk, ru
 * and en, and the three files must hold the same keys. Run: node apps/web/scripts/check-i18n.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const langs = ['kk', 'ru', 'en'] as const;

function flatten(obj: Record<string, unknown>, prefix = '', out = new Set<string>()): Set<string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
    else out.add(key.replace(/_(one|other|few|many|zero|two)$/, ''));
  }
  return out;
}

const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
const used = new Set<string>();
for (const f of files) {
  const text = fs.readFileSync(path.join(src, f), 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
  for (const m of text.matchAll(/label: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
  for (const m of text.matchAll(/i18nKey="([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
}
let problems = 0;
// <area>.<lang>.json files are merged under the key <area> (see i18n/assemble.ts).
function catalog(lang: string): Set<string> {
  const dir = path.join(src, 'i18n');
  const out = flatten(JSON.parse(fs.readFileSync(path.join(dir, `${lang}.json`), 'utf8')));
  for (const f of fs.readdirSync(dir)) {
    const m = f.match(new RegExp(`^([a-z]+)\\.${lang}\\.json$`));
    if (m) flatten({ [m[1]!]: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }, '', out);
  }
  return out;
}
const sets = Object.fromEntries(langs.map((l) => [l, catalog(l)])) as Record<
  (typeof langs)[number],
  Set<string>
>;
for (const l of langs) {
  for (const k of used)
    if (!sets[l].has(k)) {
      console.log(`${l}: missing ${k}`);
      problems++;
    }
  for (const other of langs)
    for (const k of sets[other])
      if (!sets[l].has(k)) {
        console.log(`${l}: lacks ${k} (present in ${other})`);
        problems++;
      }
}
console.log(problems ? `${problems} problems` : `ok: ${used.size} keys used`);
process.exitCode = problems ? 1 : 0;
