import fontkit from '@pdf-lib/fontkit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Tx } from '../../db/client.ts';
import {
  contentMaterials,
  contentMaterialVersions,
  contentSections,
  disciplines,
} from '../../db/schema/index.ts';
import type { FileStore } from '../../platform/files.ts';
import { linkVersionFiles } from './queries.ts';
import { sanitizeRichText } from './sanitize.ts';
import { fontBytes } from './watermark.ts';

type Lang = { title: string; html?: string; url?: string };
type DemoMaterial = { kind: 'page' | 'link' | 'assignment' | 'test'; kk: Lang; ru: Lang };
type DemoSection = {
  kind: 'syllabus' | 'week';
  title: { kk: string; ru: string };
  materials: DemoMaterial[];
};

/** An e-learning complex of an agronomy discipline ("Crop production") in Kazakh and Russian. */
export const cropProductionComplex: DemoSection[] = [
  {
    kind: 'syllabus',
    title: { kk: 'Силлабус', ru: 'Силлабус' },
    materials: [
      {
        kind: 'page',
        kk: {
          title: 'Пән туралы',
          html: '<h2>Өсімдік шаруашылығы</h2><p>Пән дәнді, бұршақ тұқымдас, майлы және жемшөп дақылдарын өсіру технологиясын қарастырады.</p><h3>Бағалау</h3><table><thead><tr><th>Бақылау түрі</th><th>Үлес</th></tr></thead><tbody><tr><td>Ағымдағы бақылау</td><td>30%</td></tr><tr><td>Аралық бақылау (РК1, РК2)</td><td>30%</td></tr><tr><td>Қорытынды бақылау</td><td>40%</td></tr></tbody></table>',
        },
        ru: {
          title: 'О дисциплине',
          html: '<h2>Растениеводство</h2><p>Дисциплина рассматривает технологии возделывания зерновых, зернобобовых, масличных и кормовых культур.</p><h3>Оценивание</h3><table><thead><tr><th>Вид контроля</th><th>Вес</th></tr></thead><tbody><tr><td>Текущий контроль</td><td>30%</td></tr><tr><td>Рубежный контроль (РК1, РК2)</td><td>30%</td></tr><tr><td>Итоговый контроль</td><td>40%</td></tr></tbody></table>',
        },
      },
    ],
  },
  {
    kind: 'week',
    title: { kk: '1-апта. Дәнді дақылдар', ru: 'Неделя 1. Зерновые культуры' },
    materials: [
      {
        kind: 'page',
        kk: {
          title: 'Дәріс: бидайдың биологиялық ерекшеліктері',
          html: '<h2>Жаздық бидай</h2><ul><li>Өну температурасы: 1–2 °C</li><li>Вегетация кезеңі: 85–110 күн</li><li>Ылғал қажеттілігі: транспирация коэффициенті 400–500</li></ul><p>Себу мөлшері: <span class="math-inline" data-latex="N = \\frac{P \\cdot 100}{G}">N = \\frac{P \\cdot 100}{G}</span>, мұндағы P — 1 га-ға өсімдік саны, G — себу жарамдылығы.</p>',
        },
        ru: {
          title: 'Лекция: биологические особенности пшеницы',
          html: '<h2>Яровая пшеница</h2><ul><li>Температура прорастания: 1–2 °C</li><li>Вегетационный период: 85–110 дней</li><li>Потребность во влаге: транспирационный коэффициент 400–500</li></ul><p>Норма высева: <span class="math-inline" data-latex="N = \\frac{P \\cdot 100}{G}">N = \\frac{P \\cdot 100}{G}</span>, где P — число растений на 1 га, G — посевная годность.</p>',
        },
      },
      {
        kind: 'link',
        kk: {
          title: 'FAOSTAT: дақылдардың егіс алаңы мен өнімділігі (ФАО дерекқоры)',
          url: 'https://www.fao.org/faostat/en/#data/QCL',
        },
        ru: {
          title: 'FAOSTAT: посевные площади и урожайность культур (база данных ФАО)',
          url: 'https://www.fao.org/faostat/en/#data/QCL',
        },
      },
      {
        kind: 'assignment',
        kk: {
          title: 'Тапсырма: себу мөлшерін есептеу',
          html: '<p>Тұқымның себу жарамдылығы 92% болғанда 1 га-ға себу мөлшерін есептеңіз.</p>',
        },
        ru: {
          title: 'Задание: расчёт нормы высева',
          html: '<p>Рассчитайте норму высева на 1 га при посевной годности семян 92%.</p>',
        },
      },
    ],
  },
  {
    kind: 'week',
    title: { kk: '2-апта. Бұршақ тұқымдас дақылдар', ru: 'Неделя 2. Зернобобовые культуры' },
    materials: [
      {
        kind: 'page',
        kk: {
          title: 'Дәріс: асбұршақ пен ноқат',
          html: '<p>Бұршақ тұқымдастар түйнек бактерияларының көмегімен атмосфералық азотты сіңіреді және ауыспалы егісте жақсы алғы дақыл болып табылады.</p>',
        },
        ru: {
          title: 'Лекция: горох и нут',
          html: '<p>Зернобобовые усваивают атмосферный азот с помощью клубеньковых бактерий и являются хорошими предшественниками в севообороте.</p>',
        },
      },
      {
        kind: 'test',
        kk: { title: 'Өзін-өзі тексеру тесті', html: '<p>Тест келесі кезеңде толтырылады.</p>' },
        ru: { title: 'Тест для самопроверки', html: '<p>Тест будет заполнен позже.</p>' },
      },
    ],
  },
];

/**
 * Writes the complex for a discipline with every material approved by `reviewerId`, as
 * the demo university's course shows it. Runs inside the demo seed's transaction.
 */
export async function seedDemoContent(
  tx: Tx,
  refs: { disciplineId: string; authorId: string; reviewerId: string; approvedAt?: Date },
): Promise<{ sections: number; materials: number }> {
  const at = refs.approvedAt ?? new Date();
  let materials = 0;
  for (const [i, s] of cropProductionComplex.entries()) {
    const [section] = await tx
      .insert(contentSections)
      .values({
        disciplineId: refs.disciplineId,
        kind: s.kind,
        title: s.title,
        position: i,
        createdBy: refs.authorId,
      })
      .returning();
    for (const [j, m] of s.materials.entries()) {
      const clean = (l: Lang) => ({ ...l, ...(l.html ? { html: sanitizeRichText(l.html) } : {}) });
      const [material] = await tx
        .insert(contentMaterials)
        .values({
          sectionId: section!.id,
          disciplineId: refs.disciplineId,
          kind: m.kind,
          position: j,
          createdBy: refs.authorId,
          lastApprovedAt: at,
        })
        .returning();
      const [v] = await tx
        .insert(contentMaterialVersions)
        .values({
          materialId: material!.id,
          versionNo: 1,
          status: 'approved',
          body: { kk: clean(m.kk), ru: clean(m.ru) },
          authorId: refs.authorId,
          submittedAt: at,
          reviewerId: refs.reviewerId,
          reviewedAt: at,
          reviewComment: 'Мақұлданды',
        })
        .returning();
      await tx
        .update(contentMaterials)
        .set({ approvedVersionId: v!.id })
        .where(eq(contentMaterials.id, material!.id));
      materials++;
    }
  }
  return { sections: cropProductionComplex.length, materials };
}

type Chapter = { title: string; paragraphs: string[] };
type Textbook = { title: string; author: string; chapters: Chapter[] };

/** The demo e-textbook of Crop production: a title page, then one chapter per page. */
const textbooks: Record<'kk' | 'ru', Textbook> = {
  kk: {
    title: 'Өсімдік шаруашылығы. Оқу құралы',
    author: 'Егіншілік және өсімдік шаруашылығы кафедрасы',
    chapters: [
      {
        title: '1. Кіріспе: өсімдік шаруашылығының міндеттері',
        paragraphs: [
          'Өсімдік шаруашылығы — мәдени өсімдіктерді өсіру технологиясын зерттейтін ғылым.',
          'Солтүстік Қазақстанда негізгі дақыл — жаздық бидай; оның өнімділігі ылғалдың жиналуына байланысты.',
        ],
      },
      {
        title: '2. Дәнді дақылдар: бидай, арпа, сұлы',
        paragraphs: [
          'Жаздық бидайдың тұқымы 1–2 °C-та өне бастайды, вегетация кезеңі 85–110 күн.',
          'Себу мерзімі — мамырдың екінші жартысы; себу тереңдігі 5–6 см.',
        ],
      },
      {
        title: '3. Бұршақ тұқымдас дақылдар',
        paragraphs: [
          'Асбұршақ пен ноқат атмосфералық азотты сіңіріп, топырақты азотпен байытады.',
          'Ауыспалы егісте олар бидай үшін жақсы алғы дақыл болып табылады.',
        ],
      },
      {
        title: '4. Майлы дақылдар: күнбағыс пен зығыр',
        paragraphs: [
          'Зығыр құрғақшылыққа төзімді, тұқымында 40–48% май бар.',
          'Күнбағысты бір алқапқа 7–8 жылдан соң ғана қайта себеді.',
        ],
      },
    ],
  },
  ru: {
    title: 'Растениеводство. Учебное пособие',
    author: 'Кафедра земледелия и растениеводства',
    chapters: [
      {
        title: '1. Введение: задачи растениеводства',
        paragraphs: [
          'Растениеводство — наука о технологиях возделывания культурных растений.',
          'В Северном Казахстане главная культура — яровая пшеница; её урожай зависит от накопления влаги.',
        ],
      },
      {
        title: '2. Зерновые культуры: пшеница, ячмень, овёс',
        paragraphs: [
          'Семена яровой пшеницы прорастают при 1–2 °C, вегетационный период 85–110 дней.',
          'Срок посева — вторая половина мая; глубина заделки семян 5–6 см.',
        ],
      },
      {
        title: '3. Зернобобовые культуры',
        paragraphs: [
          'Горох и нут усваивают атмосферный азот и обогащают им почву.',
          'В севообороте они хорошие предшественники пшеницы.',
        ],
      },
      {
        title: '4. Масличные культуры: подсолнечник и лён',
        paragraphs: [
          'Лён засухоустойчив, в семенах 40–48% масла.',
          'Подсолнечник возвращают на прежнее поле не ранее чем через 7–8 лет.',
        ],
      },
    ],
  },
};

/** Splits a paragraph into lines that fit the page width. */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The e-textbook as a PDF (DejaVu Sans, every Kazakh letter) and its table of contents. */
export async function demoTextbookPdf(
  lang: 'kk' | 'ru',
): Promise<{ pdf: Buffer; toc: Array<{ title: string; page: number }> }> {
  const book = textbooks[lang];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes(), { subset: true });
  doc.setTitle(book.title);
  doc.setAuthor(book.author);
  doc.setLanguage(lang);
  const cover = doc.addPage([595, 842]);
  cover.drawText(book.title, { x: 60, y: 560, size: 22, font });
  cover.drawText(book.author, { x: 60, y: 530, size: 12, font, color: rgb(0.3, 0.3, 0.3) });
  cover.drawText(lang === 'kk' ? 'Мазмұны' : 'Содержание', { x: 60, y: 460, size: 14, font });
  const toc: Array<{ title: string; page: number }> = [];
  book.chapters.forEach((c, i) => {
    const page = i + 2;
    toc.push({ title: c.title, page });
    cover.drawText(`${c.title} — ${page}`, { x: 70, y: 436 - i * 20, size: 11, font });
  });
  for (const c of book.chapters) {
    const page = doc.addPage([595, 842]);
    page.drawText(c.title, { x: 60, y: 770, size: 16, font });
    let y = 730;
    for (const p of c.paragraphs) {
      for (const line of wrap(p, 475, (s) => font.widthOfTextAtSize(s, 12))) {
        page.drawText(line, { x: 60, y, size: 12, font });
        y -= 18;
      }
      y -= 10;
    }
  }
  return { pdf: Buffer.from(await doc.save()), toc };
}

/**
 * Adds the approved e-textbook (a PDF in Kazakh and one in Russian, each with its table of
 * contents) to the syllabus of the demo discipline's complex. Runs inside the demo seed's
 * transaction with a file store bound to it; does nothing when the complex or the
 * textbook is not there to add to.
 */
export async function seedDemoTextbook(
  tx: Tx,
  files: FileStore,
  refs: { disciplineCode: string; authorId: string; reviewerId: string; approvedAt?: Date },
): Promise<{ materials: number }> {
  const [discipline] = await tx
    .select({ id: disciplines.id })
    .from(disciplines)
    .where(eq(disciplines.code, refs.disciplineCode));
  if (!discipline) return { materials: 0 };
  const [syllabus] = await tx
    .select()
    .from(contentSections)
    .where(and(eq(contentSections.disciplineId, discipline.id), eq(contentSections.kind, 'syllabus')))
    .orderBy(asc(contentSections.position))
    .limit(1);
  if (!syllabus) return { materials: 0 };
  const existing = await tx
    .select({ id: contentMaterials.id })
    .from(contentMaterials)
    .where(and(eq(contentMaterials.sectionId, syllabus.id), inArray(contentMaterials.kind, ['textbook'])));
  if (existing.length) return { materials: 0 };
  const at = refs.approvedAt ?? new Date();
  const body: Record<string, { title: string; fileId: string; toc: Array<{ title: string; page: number }> }> =
    {};
  for (const lang of ['kk', 'ru'] as const) {
    const { pdf, toc } = await demoTextbookPdf(lang);
    const stored = await files.put(pdf, {
      name: lang === 'kk' ? 'Өсімдік-шаруашылығы-оқу-құралы.pdf' : 'Растениеводство-учебное-пособие.pdf',
      contentType: 'application/pdf',
      createdBy: refs.authorId,
    });
    body[lang] = { title: textbooks[lang].title, fileId: stored.id, toc };
  }
  const [material] = await tx
    .insert(contentMaterials)
    .values({
      sectionId: syllabus.id,
      disciplineId: discipline.id,
      kind: 'textbook',
      position: 1,
      createdBy: refs.authorId,
      lastApprovedAt: at,
    })
    .returning();
  const [v] = await tx
    .insert(contentMaterialVersions)
    .values({
      materialId: material!.id,
      versionNo: 1,
      status: 'approved',
      body,
      authorId: refs.authorId,
      submittedAt: at,
      reviewerId: refs.reviewerId,
      reviewedAt: at,
      reviewComment: 'Мақұлданды',
    })
    .returning();
  await linkVersionFiles(tx, v!.id, body);
  await tx
    .update(contentMaterials)
    .set({ approvedVersionId: v!.id })
    .where(eq(contentMaterials.id, material!.id));
  return { materials: 1 };
}
