import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { contentMaterials, contentMaterialVersions, contentSections } from '../../db/schema/index.ts';
import { sanitizeRichText } from './sanitize.ts';

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
        kk: { title: 'Бейнедәріс: Солтүстік Қазақстанда бидай себу', url: 'https://kazatu.edu.kz/' },
        ru: { title: 'Видеолекция: посев пшеницы в Северном Казахстане', url: 'https://kazatu.edu.kz/' },
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
