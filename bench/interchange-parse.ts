/**
 * How long the import preview takes to read a large bank (issue 7: 10,000 questions).
 * `node bench/interchange-parse.ts [count]` — builds a bank of `count` questions in each
 * format (mixed types, Cyrillic text, one inline image per hundred), then times decoding
 * and parsing, the work the preview does before it answers.
 */
import {
  decodeBytes,
  type ExportQuestion,
  exportGift,
  exportMoodleXml,
  parseQuestions,
} from '../packages/core/src/assessment/interchange/index.ts';

const count = Number(process.argv[2] ?? 10_000);
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
const l = (ru: string) => ({ kk: '', ru, en: '' });

export function sampleBank(n: number): ExportQuestion[] {
  const out: ExportQuestion[] = [];
  for (let i = 0; i < n; i++) {
    const category = [`Раздел ${i % 10}`, `Тема ${i % 7}`];
    const img = i % 100 === 0 ? ` <img src="data:image/png;base64,${PNG}">` : '';
    const text = l(`<p>Вопрос № ${i}: какая культура относится к группе ${i % 13}?${img}</p>`);
    const k = i % 5;
    const data: ExportQuestion['data'] =
      k === 0 || k === 1
        ? {
            type: 'single',
            options: [0, 1, 2, 3].map((j) => ({
              id: `o${j + 1}`,
              text: l(`Вариант ${j} к ${i}`),
              correct: j === 0,
            })),
          }
        : k === 2
          ? {
              type: 'multiple',
              scoring: 'partial',
              options: [0, 1, 2, 3].map((j) => ({
                id: `o${j + 1}`,
                text: l(`Ответ ${j} / ${i}`),
                correct: j < 2,
              })),
            }
          : k === 3
            ? { type: 'truefalse', correct: i % 2 === 0 }
            : {
                type: 'numerical',
                answers: [{ value: i, tolerance: 0.5, fraction: 1 }],
                units: [],
                unitRequired: false,
              };
    out.push({ category, text, points: 1, tags: [], data });
  }
  return out;
}

function aiken(n: number) {
  let s = '';
  for (let i = 0; i < n; i++)
    s += `Вопрос ${i}?\nA. Первый ${i}\nB. Второй ${i}\nC. Третий ${i}\nANSWER: B\n\n`;
  return s;
}
function platonus(n: number) {
  let s = '';
  for (let i = 0; i < n; i++)
    s += `<question>Сұрақ ${i}?\n<variant>Дұрыс ${i}\n<variant>Қате ${i}\n<variant>Басқа ${i}\n`;
  return s;
}

if (import.meta.main) {
  const bank = sampleBank(count);
  const files: Record<string, string> = {
    gift: exportGift(bank, { lang: 'ru' }).content,
    moodlexml: exportMoodleXml(bank, { lang: 'ru' }).content,
    aiken: aiken(count),
    platonus: platonus(count),
  };
  console.log(`Parsing ${count} questions (node ${process.version}):`);
  for (const [format, text] of Object.entries(files)) {
    const bytes = new TextEncoder().encode(text);
    const runs: number[] = [];
    let items = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const parsed = parseQuestions(format as 'gift', decodeBytes(bytes).text, { lang: 'ru' });
      runs.push(performance.now() - t0);
      items = parsed.items.length;
    }
    const best = Math.min(...runs);
    console.log(
      `  ${format.padEnd(10)} ${(bytes.length / 1024 / 1024).toFixed(1).padStart(5)} MB  ${items} read  best of 3: ${best.toFixed(0)} ms  (${Math.round((items / best) * 1000)} questions/s)`,
    );
  }
}
