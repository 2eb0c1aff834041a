/**
 * The demo question bank of crop production (issue 6), in Kazakh and Russian, generated
 * from reference tables: field crops (family, scientific name, the lowest temperature at
 * which seed germinates), pests and diseases with the crops they harm, mineral fertilizers
 * with their nutrient content, and parameter sets for the usual agronomic calculations
 * (seeding rate, sowing suitability, fertilizer dose, biological yield). Every question
 * type of the engine is represented; tags name the topic and the difficulty.
 */
import type { QuestionData } from '#core/assessment/questions.ts';

export type DemoCategory =
  | 'cereals'
  | 'legumes'
  | 'oilseeds'
  | 'forage'
  | 'tech'
  | 'fert'
  | 'protect'
  | 'calc'
  | 'essay';

/** The bank's categories: [key, kk / ru name, parent key]. */
export const demoCategories: Array<[DemoCategory | 'biology', string, (DemoCategory | 'biology')?]> = [
  ['biology', 'Дақылдар биологиясы / Биология полевых культур'],
  ['cereals', 'Дәнді дақылдар / Зерновые культуры', 'biology'],
  ['legumes', 'Бұршақ дақылдары / Зернобобовые культуры', 'biology'],
  ['oilseeds', 'Майлы дақылдар / Масличные культуры', 'biology'],
  ['forage', 'Жемшөп және техникалық дақылдар / Кормовые и технические культуры', 'biology'],
  ['tech', 'Өсіру технологиясы / Технология возделывания'],
  ['fert', 'Тыңайтқыштар / Удобрения'],
  ['protect', 'Өсімдіктерді қорғау / Защита растений'],
  ['calc', 'Агрономиялық есептер / Агрономические расчёты'],
  ['essay', 'Жазбаша жауаптар / Развёрнутые ответы'],
];

export type Difficulty = 'жеңіл' | 'орташа' | 'күрделі';

export type DemoQuestion = {
  category: DemoCategory;
  tags: string[];
  points: number;
  text: { kk: string; ru: string; en: string };
  feedback?: { kk: string; ru: string; en: string };
  data: QuestionData;
};

type KR = [kk: string, ru: string];
const L = ([kk, ru]: KR) => ({ kk, ru, en: '' });
const P = ([kk, ru]: KR) => ({ kk: `<p>${kk}</p>`, ru: `<p>${ru}</p>`, en: '' });

type Family = { kk: string; ru: string; ruGen: string };
const families = {
  poaceae: { kk: 'Астық тұқымдасы', ru: 'Мятликовые (злаковые)', ruGen: 'мятликовых (злаковых)' },
  fabaceae: { kk: 'Бұршақ тұқымдасы', ru: 'Бобовые', ruGen: 'бобовых' },
  asteraceae: {
    kk: 'Күрделігүлділер тұқымдасы',
    ru: 'Астровые (сложноцветные)',
    ruGen: 'астровых (сложноцветных)',
  },
  brassicaceae: {
    kk: 'Крестгүлділер тұқымдасы',
    ru: 'Капустные (крестоцветные)',
    ruGen: 'капустных (крестоцветных)',
  },
  solanaceae: { kk: 'Алқа тұқымдасы', ru: 'Паслёновые', ruGen: 'паслёновых' },
  amaranthaceae: { kk: 'Алабота тұқымдасы', ru: 'Маревые', ruGen: 'маревых' },
  linaceae: { kk: 'Зығыр тұқымдасы', ru: 'Льновые', ruGen: 'льновых' },
  polygonaceae: { kk: 'Қарақұмық тұқымдасы', ru: 'Гречишные', ruGen: 'гречишных' },
  malvaceae: { kk: 'Құлқайыр тұқымдасы', ru: 'Мальвовые', ruGen: 'мальвовых' },
} satisfies Record<string, Family>;
type FamilyKey = keyof typeof families;
const familyKeys = Object.keys(families) as FamilyKey[];

type Crop = {
  kk: string;
  ru: string;
  genus: string;
  species: string;
  family: FamilyKey;
  category: 'cereals' | 'legumes' | 'oilseeds' | 'forage';
  /** The lowest temperature (°C) at which seed begins to germinate: a range from the textbooks. */
  germ: [number, number];
  tuber?: boolean;
};

/** Field crops of Kazakhstan with the figures of the crop-production textbooks. */
const crops: Crop[] = [
  {
    kk: 'Жаздық жұмсақ бидай',
    ru: 'Пшеница мягкая яровая',
    genus: 'Triticum',
    species: 'aestivum',
    family: 'poaceae',
    category: 'cereals',
    germ: [1, 2],
  },
  {
    kk: 'Қатты бидай',
    ru: 'Пшеница твёрдая',
    genus: 'Triticum',
    species: 'durum',
    family: 'poaceae',
    category: 'cereals',
    germ: [2, 3],
  },
  {
    kk: 'Арпа',
    ru: 'Ячмень',
    genus: 'Hordeum',
    species: 'vulgare',
    family: 'poaceae',
    category: 'cereals',
    germ: [1, 2],
  },
  {
    kk: 'Сұлы',
    ru: 'Овёс',
    genus: 'Avena',
    species: 'sativa',
    family: 'poaceae',
    category: 'cereals',
    germ: [1, 2],
  },
  {
    kk: 'Күздік қара бидай',
    ru: 'Рожь озимая',
    genus: 'Secale',
    species: 'cereale',
    family: 'poaceae',
    category: 'cereals',
    germ: [1, 2],
  },
  {
    kk: 'Жүгері',
    ru: 'Кукуруза',
    genus: 'Zea',
    species: 'mays',
    family: 'poaceae',
    category: 'cereals',
    germ: [8, 10],
  },
  {
    kk: 'Тары',
    ru: 'Просо',
    genus: 'Panicum',
    species: 'miliaceum',
    family: 'poaceae',
    category: 'cereals',
    germ: [8, 10],
  },
  {
    kk: 'Күріш',
    ru: 'Рис',
    genus: 'Oryza',
    species: 'sativa',
    family: 'poaceae',
    category: 'cereals',
    germ: [10, 12],
  },
  {
    kk: 'Құмай',
    ru: 'Сорго',
    genus: 'Sorghum',
    species: 'bicolor',
    family: 'poaceae',
    category: 'cereals',
    germ: [10, 12],
  },
  {
    kk: 'Қарақұмық',
    ru: 'Гречиха',
    genus: 'Fagopyrum',
    species: 'esculentum',
    family: 'polygonaceae',
    category: 'cereals',
    germ: [7, 8],
  },
  {
    kk: 'Асбұршақ',
    ru: 'Горох',
    genus: 'Pisum',
    species: 'sativum',
    family: 'fabaceae',
    category: 'legumes',
    germ: [1, 2],
  },
  {
    kk: 'Соя',
    ru: 'Соя',
    genus: 'Glycine',
    species: 'max',
    family: 'fabaceae',
    category: 'legumes',
    germ: [8, 10],
  },
  {
    kk: 'Ноқат',
    ru: 'Нут',
    genus: 'Cicer',
    species: 'arietinum',
    family: 'fabaceae',
    category: 'legumes',
    germ: [3, 5],
  },
  {
    kk: 'Жасымық',
    ru: 'Чечевица',
    genus: 'Lens',
    species: 'culinaris',
    family: 'fabaceae',
    category: 'legumes',
    germ: [3, 4],
  },
  {
    kk: 'Үрмебұршақ',
    ru: 'Фасоль',
    genus: 'Phaseolus',
    species: 'vulgaris',
    family: 'fabaceae',
    category: 'legumes',
    germ: [10, 12],
  },
  {
    kk: 'Күнбағыс',
    ru: 'Подсолнечник',
    genus: 'Helianthus',
    species: 'annuus',
    family: 'asteraceae',
    category: 'oilseeds',
    germ: [3, 4],
  },
  {
    kk: 'Жаздық рапс',
    ru: 'Рапс яровой',
    genus: 'Brassica',
    species: 'napus',
    family: 'brassicaceae',
    category: 'oilseeds',
    germ: [1, 3],
  },
  {
    kk: 'Сарепта қышасы',
    ru: 'Горчица сарептская',
    genus: 'Brassica',
    species: 'juncea',
    family: 'brassicaceae',
    category: 'oilseeds',
    germ: [1, 2],
  },
  {
    kk: 'Майлы зығыр',
    ru: 'Лён масличный',
    genus: 'Linum',
    species: 'usitatissimum',
    family: 'linaceae',
    category: 'oilseeds',
    germ: [3, 5],
  },
  {
    kk: 'Мақсары',
    ru: 'Сафлор',
    genus: 'Carthamus',
    species: 'tinctorius',
    family: 'asteraceae',
    category: 'oilseeds',
    germ: [2, 3],
  },
  {
    kk: 'Егістік жоңышқа',
    ru: 'Люцерна посевная',
    genus: 'Medicago',
    species: 'sativa',
    family: 'fabaceae',
    category: 'forage',
    germ: [1, 3],
  },
  {
    kk: 'Судан шөбі',
    ru: 'Суданская трава',
    genus: 'Sorghum',
    species: 'sudanense',
    family: 'poaceae',
    category: 'forage',
    germ: [8, 10],
  },
  {
    kk: 'Картоп',
    ru: 'Картофель',
    genus: 'Solanum',
    species: 'tuberosum',
    family: 'solanaceae',
    category: 'forage',
    germ: [5, 7],
    tuber: true,
  },
  {
    kk: 'Қант қызылшасы',
    ru: 'Сахарная свёкла',
    genus: 'Beta',
    species: 'vulgaris',
    family: 'amaranthaceae',
    category: 'forage',
    germ: [3, 5],
  },
  {
    kk: 'Мақта',
    ru: 'Хлопчатник',
    genus: 'Gossypium',
    species: 'hirsutum',
    family: 'malvaceae',
    category: 'forage',
    germ: [12, 14],
  },
];

const topicOf: Record<DemoCategory, string> = {
  cereals: 'дәнді дақылдар',
  legumes: 'бұршақ дақылдары',
  oilseeds: 'майлы дақылдар',
  forage: 'жемшөп және техникалық дақылдар',
  tech: 'технология',
  fert: 'тыңайтқыштар',
  protect: 'қорғау',
  calc: 'есептер',
  essay: 'эссе',
};
const tags = (c: DemoCategory, d: Difficulty) => [topicOf[c], d];
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Puts the right option at a position that moves from question to question. */
function rotate<T>(right: T, wrong: T[], n: number): T[] {
  const all = [...wrong];
  all.splice(n % (wrong.length + 1), 0, right);
  return all;
}

/** Three other families than the crop's, chosen deterministically. */
function otherFamilies(f: FamilyKey, n: number): FamilyKey[] {
  const rest = familyKeys.filter((k) => k !== f);
  return [0, 1, 2].map((k) => rest[(n + k * 3) % rest.length]!);
}

const quote = (c: Crop): KR => [`«${c.kk}»`, `«${c.ru}»`];

function cropQuestions(): DemoQuestion[] {
  const out: DemoQuestion[] = [];
  for (const [n, c] of crops.entries()) {
    const [qk, qr] = quote(c);
    const fam = families[c.family];
    const easy: Difficulty = c.category === 'cereals' || c.category === 'legumes' ? 'жеңіл' : 'орташа';
    // Single choice: the family.
    const options = rotate(c.family, otherFamilies(c.family, n), n);
    out.push({
      category: c.category,
      tags: tags(c.category, easy),
      points: 1,
      text: P([`${qk} дақылы қай тұқымдасқа жатады?`, `К какому семейству относится культура ${qr}?`]),
      feedback: P([
        `${qk} — ${fam.kk.toLowerCase()}ның өкілі (${c.genus} ${c.species}).`,
        `${qr} относится к семейству ${fam.ruGen} (${c.genus} ${c.species}).`,
      ]),
      data: {
        type: 'single',
        options: options.map((f, k) => ({
          id: ids[k]!,
          text: L([families[f].kk, families[f].ru]),
          correct: f === c.family,
        })),
      },
    });
    // True or false: the family, right for every other crop.
    const truth = n % 2 === 0;
    const said = truth ? c.family : otherFamilies(c.family, n + 1)[0]!;
    out.push({
      category: c.category,
      tags: tags(c.category, 'жеңіл'),
      points: 1,
      text: P([
        `${qk} дақылы — ${families[said].kk.toLowerCase()}ның өкілі.`,
        `Культура ${qr} относится к семейству ${families[said].ruGen}.`,
      ]),
      feedback: P([`${qk} — ${fam.kk.toLowerCase()}ның өкілі.`, `${qr} относится к семейству ${fam.ruGen}.`]),
      data: { type: 'truefalse', correct: truth },
    });
    // Numerical: the lowest germination temperature, the textbook range accepted.
    const [lo, hi] = c.germ;
    const what: KR = c.tuber
      ? ['тұқым түйнектері өсе бастайтын', 'начинают прорастать семенные клубни культуры']
      : ['тұқымы өне бастайтын', 'начинают прорастать семена культуры'];
    out.push({
      category: c.category,
      tags: tags(c.category, 'орташа'),
      points: 1,
      text: P([
        `${qk} дақылының ${what[0]} топырақтың ең төменгі температурасы қанша (°C)?`,
        `При какой наименьшей температуре почвы (°C) ${what[1]} ${qr}?`,
      ]),
      feedback: P([`Оқулықтарда: ${lo}–${hi} °C.`, `По учебникам: ${lo}–${hi} °C.`]),
      data: {
        type: 'numerical',
        answers: [{ value: (lo + hi) / 2, tolerance: (hi - lo) / 2, fraction: 1 }],
        units: [{ unit: '°C', multiplier: 1 }],
        unitRequired: false,
      },
    });
    // Short answer: the genus in Latin.
    out.push({
      category: c.category,
      tags: tags(c.category, 'орташа'),
      points: 1,
      text: P([
        `${qk} дақылының ғылыми (латынша) туыс атауын жазыңыз.`,
        `Напишите латинское название рода культуры ${qr}.`,
      ]),
      feedback: P([`${c.genus} ${c.species}`, `${c.genus} ${c.species}`]),
      data: {
        type: 'short',
        answers: [
          { text: `${c.genus}`, fraction: 1 },
          { text: `${c.genus} *`, fraction: 1 },
        ],
        caseSensitive: false,
      },
    });
    // Cloze: the scientific name and the germination temperature in one sentence.
    const temps = [];
    for (let t = lo; t <= hi; t++) temps.push({ text: String(t), fraction: 1 });
    out.push({
      category: c.category,
      tags: tags(c.category, 'күрделі'),
      points: 2,
      text: P([
        `${qk} дақылының ғылыми атауы — {{g}} {{s}}; оның ${what[0]} ең төменгі температура — шамамен {{t}} °C.`,
        `Научное название культуры ${qr} — {{g}} {{s}}; наименьшая температура, при которой ${what[1].replace(' культуры', '')}, — около {{t}} °C.`,
      ]),
      data: {
        type: 'cloze',
        gaps: [
          {
            kind: 'short',
            id: 'g',
            weight: 1,
            answers: [{ text: c.genus, fraction: 1 }],
            caseSensitive: false,
          },
          {
            kind: 'short',
            id: 's',
            weight: 1,
            answers: [{ text: c.species, fraction: 1 }],
            caseSensitive: false,
          },
          { kind: 'short', id: 't', weight: 1, answers: temps, caseSensitive: false },
        ],
      },
    });
  }
  // Matching: crop ↔ scientific name, four at a time.
  for (let k = 0; k + 4 <= crops.length; k += 4) {
    const set = crops.slice(k, k + 4);
    const cat = set[0]!.category;
    out.push({
      category: cat,
      tags: tags(cat, 'орташа'),
      points: 2,
      text: P([
        'Дақылдарды олардың ғылыми атауларымен сәйкестендіріңіз.',
        'Сопоставьте культуры с их научными названиями.',
      ]),
      data: {
        type: 'matching',
        pairs: set.map((c, j) => ({
          id: `p${j + 1}`,
          prompt: L([c.kk, c.ru]),
          answer: { kk: `${c.genus} ${c.species}`, ru: `${c.genus} ${c.species}`, en: '' },
        })),
      },
    });
  }
  // Multiple choice: which crops of a list belong to a group.
  const groups: Array<[Crop['category'], FamilyKey, KR]> = [
    ['cereals', 'poaceae', ['астық тұқымдасына', 'мятликовым (злаковым)']],
    ['legumes', 'fabaceae', ['бұршақ тұқымдасына', 'бобовым']],
    ['oilseeds', 'brassicaceae', ['крестгүлділер тұқымдасына', 'капустным (крестоцветным)']],
  ];
  for (const [gi, [cat, fam, [kkName, ruName]]] of groups.entries()) {
    const inFam = crops.filter((c) => c.family === fam);
    const outFam = crops.filter((c) => c.family !== fam);
    for (let v = 0; v < 3; v++) {
      const right = [inFam[(v * 2) % inFam.length]!, inFam[(v * 2 + 1) % inFam.length]!];
      const wrong = [0, 1, 2].map((j) => outFam[(gi * 5 + v * 3 + j * 4) % outFam.length]!);
      const mixed = [...right, ...wrong].sort(
        (a, b) => a.genus.localeCompare(b.genus) || a.kk.localeCompare(b.kk),
      );
      out.push({
        category: cat,
        tags: tags(cat, v === 2 ? 'күрделі' : 'орташа'),
        points: 2,
        text: P([
          `Төмендегі дақылдардың қайсылары ${kkName} жатады? Барлық дұрыс жауапты белгілеңіз.`,
          `Какие из перечисленных культур относятся к ${ruName}? Отметьте все верные ответы.`,
        ]),
        data: {
          type: 'multiple',
          scoring: 'partial',
          options: mixed.map((c, j) => ({
            id: ids[j]!,
            text: L([c.kk, c.ru]),
            correct: c.family === fam,
          })),
        },
      });
    }
  }
  return out;
}

type Pest = { kk: string; ru: string; latin: string; disease?: boolean; crop: KR };
const pests: Pest[] = [
  {
    kk: 'Швед шыбыны',
    ru: 'Шведская муха',
    latin: 'Oscinella frit',
    crop: ['Сұлы, арпа, бидай', 'Овёс, ячмень, пшеница'],
  },
  {
    kk: 'Зиянды бақашық',
    ru: 'Вредная черепашка',
    latin: 'Eurygaster integriceps',
    crop: ['Бидай', 'Пшеница'],
  },
  { kk: 'Нан қоңызы', ru: 'Хлебный жук (кузька)', latin: 'Anisoplia austriaca', crop: ['Бидай', 'Пшеница'] },
  {
    kk: 'Колорадо қоңызы',
    ru: 'Колорадский жук',
    latin: 'Leptinotarsa decemlineata',
    crop: ['Картоп', 'Картофель'],
  },
  {
    kk: 'Асбұршақ дәнжегісі',
    ru: 'Гороховая зерновка',
    latin: 'Bruchus pisorum',
    crop: ['Асбұршақ', 'Горох'],
  },
  {
    kk: 'Қызылша бізтұмсығы',
    ru: 'Свекловичный долгоносик',
    latin: 'Asproparthenis punctiventris',
    crop: ['Қант қызылшасы', 'Сахарная свёкла'],
  },
  {
    kk: 'Күнбағыс күйесі',
    ru: 'Подсолнечниковая огнёвка',
    latin: 'Homoeosoma nebulella',
    crop: ['Күнбағыс', 'Подсолнечник'],
  },
  {
    kk: 'Сабақ көбелегі',
    ru: 'Стеблевой (кукурузный) мотылёк',
    latin: 'Ostrinia nubilalis',
    crop: ['Жүгері', 'Кукуруза'],
  },
  {
    kk: 'Крестгүлділер бүргесі',
    ru: 'Крестоцветные блошки',
    latin: 'Phyllotreta spp.',
    crop: ['Рапс, қыша', 'Рапс, горчица'],
  },
  { kk: 'Зығыр бүргесі', ru: 'Льняная блошка', latin: 'Aphthona euphorbiae', crop: ['Зығыр', 'Лён'] },
  {
    kk: 'Бидайдың қатты қаракүйесі',
    ru: 'Твёрдая головня пшеницы',
    latin: 'Tilletia caries',
    disease: true,
    crop: ['Бидай', 'Пшеница'],
  },
  {
    kk: 'Картоптың фитофторозы',
    ru: 'Фитофтороз картофеля',
    latin: 'Phytophthora infestans',
    disease: true,
    crop: ['Картоп', 'Картофель'],
  },
  {
    kk: 'Күнбағыстың ақ шірігі',
    ru: 'Белая гниль подсолнечника',
    latin: 'Sclerotinia sclerotiorum',
    disease: true,
    crop: ['Күнбағыс', 'Подсолнечник'],
  },
  {
    kk: 'Жүгерінің көпіршікті қаракүйесі',
    ru: 'Пузырчатая головня кукурузы',
    latin: 'Ustilago maydis',
    disease: true,
    crop: ['Жүгері', 'Кукуруза'],
  },
  {
    kk: 'Асбұршақтың аскохитозы',
    ru: 'Аскохитоз гороха',
    latin: 'Ascochyta pisi',
    disease: true,
    crop: ['Асбұршақ', 'Горох'],
  },
  {
    kk: 'Бидайдың қоңыр таты',
    ru: 'Бурая листовая ржавчина пшеницы',
    latin: 'Puccinia triticina',
    disease: true,
    crop: ['Бидай', 'Пшеница'],
  },
];

function protectionQuestions(): DemoQuestion[] {
  const out: DemoQuestion[] = [];
  const cropsHarmed = [...new Map(pests.map((p) => [p.crop[0], p.crop])).values()];
  for (const [n, p] of pests.entries()) {
    // Not a crop the right answer names, nor one that names it ("Бидай" and "Сұлы, арпа, бидай").
    const own = p.crop[0].toLowerCase();
    const wrong = cropsHarmed.filter(
      (c) => !c[0].toLowerCase().includes(own) && !own.includes(c[0].toLowerCase()),
    );
    const picked = [0, 1, 2].map((k) => wrong[(n * 2 + k * 3) % wrong.length]!);
    const options = rotate(p.crop, picked, n + 1);
    out.push({
      category: 'protect',
      tags: tags('protect', p.disease ? 'орташа' : 'жеңіл'),
      points: 1,
      text: P(
        p.disease
          ? [
              `«${p.kk}» (<i>${p.latin}</i>) ауруы негізінен қай дақылды зақымдайды?`,
              `Какую культуру главным образом поражает «${p.ru}» (<i>${p.latin}</i>)?`,
            ]
          : [
              `«${p.kk}» (<i>${p.latin}</i>) зиянкесі негізінен қай дақылға зиян келтіреді?`,
              `Какой культуре главным образом вредит «${p.ru}» (<i>${p.latin}</i>)?`,
            ],
      ),
      data: {
        type: 'single',
        options: options.map((c, k) => ({ id: ids[k]!, text: L(c), correct: c[0] === p.crop[0] })),
      },
    });
  }
  // Matching: pest or disease ↔ the crop it harms, four at a time with four different crops.
  const sets = [
    [3, 4, 6, 7],
    [1, 11, 12, 13],
    [5, 9, 8, 14],
  ];
  for (const s of sets) {
    out.push({
      category: 'protect',
      tags: tags('protect', 'орташа'),
      points: 2,
      text: P([
        'Зиянкестер мен ауруларды олар зақымдайтын дақылмен сәйкестендіріңіз.',
        'Сопоставьте вредителей и болезни с культурами, которые они повреждают.',
      ]),
      data: {
        type: 'matching',
        pairs: s.map((i, j) => ({
          id: `p${j + 1}`,
          prompt: L([pests[i]!.kk, pests[i]!.ru]),
          answer: L(pests[i]!.crop),
        })),
      },
    });
  }
  // Multiple: which of these are diseases (not pests).
  for (let v = 0; v < 2; v++) {
    const dis = pests.filter((p) => p.disease).slice(v * 2, v * 2 + 3);
    const ins = pests.filter((p) => !p.disease).slice(v * 3, v * 3 + 3);
    out.push({
      category: 'protect',
      tags: tags('protect', 'орташа'),
      points: 2,
      text: P([
        'Төмендегілердің қайсылары зиянкес емес, ауру қоздырғыштары (саңырауқұлақтар, оомицеттер)?',
        'Какие из перечисленных — не вредители, а возбудители болезней (грибы, оомицеты)?',
      ]),
      data: {
        type: 'multiple',
        scoring: 'partial',
        options: [...dis, ...ins]
          .sort((a, b) => a.latin.localeCompare(b.latin))
          .map((p, j) => ({ id: ids[j]!, text: L([p.kk, p.ru]), correct: !!p.disease })),
      },
    });
  }
  return out;
}

type Fertilizer = {
  kk: string;
  ru: string;
  formula: string;
  nutrient: 'N' | 'P2O5' | 'K2O';
  content: number;
};
const fertilizers: Fertilizer[] = [
  { kk: 'Аммиак селитрасы', ru: 'Аммиачная селитра', formula: 'NH₄NO₃', nutrient: 'N', content: 34 },
  { kk: 'Карбамид (несепнәр)', ru: 'Карбамид (мочевина)', formula: 'CO(NH₂)₂', nutrient: 'N', content: 46 },
  { kk: 'Аммоний сульфаты', ru: 'Сульфат аммония', formula: '(NH₄)₂SO₄', nutrient: 'N', content: 21 },
  { kk: 'Сусыз аммиак', ru: 'Безводный аммиак', formula: 'NH₃', nutrient: 'N', content: 82 },
  {
    kk: 'Қарапайым суперфосфат',
    ru: 'Суперфосфат простой',
    formula: 'Ca(H₂PO₄)₂·H₂O + CaSO₄',
    nutrient: 'P2O5',
    content: 20,
  },
  {
    kk: 'Қос суперфосфат',
    ru: 'Суперфосфат двойной',
    formula: 'Ca(H₂PO₄)₂·H₂O',
    nutrient: 'P2O5',
    content: 46,
  },
  { kk: 'Аммофос', ru: 'Аммофос', formula: 'NH₄H₂PO₄', nutrient: 'P2O5', content: 52 },
  { kk: 'Калий хлориді', ru: 'Хлористый калий', formula: 'KCl', nutrient: 'K2O', content: 60 },
  { kk: 'Калий сульфаты', ru: 'Сульфат калия', formula: 'K₂SO₄', nutrient: 'K2O', content: 50 },
];
const nutrientName: Record<Fertilizer['nutrient'], KR> = {
  N: ['Азот (N)', 'Азот (N)'],
  P2O5: ['Фосфор (P₂O₅)', 'Фосфор (P₂O₅)'],
  K2O: ['Калий (K₂O)', 'Калий (K₂O)'],
};
const nutrientShort: Record<Fertilizer['nutrient'], string> = { N: 'N', P2O5: 'P₂O₅', K2O: 'K₂O' };

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function fertilizerQuestions(): DemoQuestion[] {
  const out: DemoQuestion[] = [];
  for (const [n, f] of fertilizers.entries()) {
    const options = rotate(
      f.nutrient,
      (['N', 'P2O5', 'K2O'] as const).filter((x) => x !== f.nutrient),
      n,
    );
    out.push({
      category: 'fert',
      tags: tags('fert', 'жеңіл'),
      points: 1,
      text: P([
        `${f.kk} (${f.formula}) — қай қоректік элементтің тыңайтқышы?`,
        `${f.ru} (${f.formula}) — удобрение какого элемента питания?`,
      ]),
      data: {
        type: 'single',
        options: options.map((x, k) => ({
          id: ids[k]!,
          text: L(nutrientName[x]),
          correct: x === f.nutrient,
        })),
      },
    });
    out.push({
      category: 'fert',
      tags: tags('fert', 'орташа'),
      points: 1,
      text: P([
        `${f.kk} құрамында әсер етуші зат (${nutrientShort[f.nutrient]}) қанша пайыз болады?`,
        `Сколько процентов действующего вещества (${nutrientShort[f.nutrient]}) содержит ${f.ru.toLowerCase()}?`,
      ]),
      feedback: P([`Шамамен ${f.content}%.`, `Около ${f.content}%.`]),
      data: {
        type: 'numerical',
        answers: [{ value: f.content, tolerance: 2, fraction: 1 }],
        units: [{ unit: '%', multiplier: 1 }],
        unitRequired: false,
      },
    });
  }
  // The physical dose of a fertilizer for a dose of nutrient: D = d · 100 / C.
  const doses: Array<[number, number]> = [
    [0, 60],
    [1, 60],
    [2, 42],
    [3, 82],
    [4, 40],
    [5, 46],
    [6, 26],
    [7, 30],
    [8, 45],
    [1, 90],
    [0, 45],
  ];
  for (const [i, d] of doses) {
    const f = fertilizers[i]!;
    const value = round((d * 100) / f.content);
    out.push({
      category: 'calc',
      tags: tags('calc', 'орташа'),
      points: 2,
      text: P([
        `1 га-ға ${d} кг ә.з. ${nutrientShort[f.nutrient]} беру керек. ${f.kk} (${f.content}% ${nutrientShort[f.nutrient]}) тыңайтқышының физикалық салмағы бойынша мөлшері қанша (кг/га)? Жауапты ондық бөлшектің бір таңбасына дейін жазыңыз.`,
        `На 1 га нужно внести ${d} кг д.в. ${nutrientShort[f.nutrient]}. Какова доза удобрения «${f.ru}» (${f.content}% ${nutrientShort[f.nutrient]}) в физическом весе (кг/га)? Ответ округлите до десятых.`,
      ]),
      feedback: P([
        `D = d · 100 / C = ${d} · 100 / ${f.content} ≈ ${value} кг/га.`,
        `D = d · 100 / C = ${d} · 100 / ${f.content} ≈ ${value} кг/га.`,
      ]),
      data: {
        type: 'numerical',
        answers: [{ value, tolerance: round(value * 0.01, 2), fraction: 1 }],
        units: [
          { unit: 'кг/га', multiplier: 1 },
          { unit: 'ц/га', multiplier: 100 },
        ],
        unitRequired: false,
      },
    });
  }
  // Matching: fertilizer ↔ formula.
  for (const s of [
    [0, 1, 4, 7],
    [2, 3, 6, 8],
  ]) {
    out.push({
      category: 'fert',
      tags: tags('fert', 'орташа'),
      points: 2,
      text: P([
        'Тыңайтқыштарды олардың химиялық формуласымен сәйкестендіріңіз.',
        'Сопоставьте удобрения с их химическими формулами.',
      ]),
      data: {
        type: 'matching',
        pairs: s.map((i, j) => ({
          id: `p${j + 1}`,
          prompt: L([fertilizers[i]!.kk, fertilizers[i]!.ru]),
          answer: { kk: fertilizers[i]!.formula, ru: fertilizers[i]!.formula, en: '' },
        })),
      },
    });
  }
  // Multiple: nitrogen fertilizers; potash fertilizers.
  for (const [nut, kr] of [
    ['N', ['азот', 'азотные']],
    ['K2O', ['калий', 'калийные']],
  ] as const) {
    out.push({
      category: 'fert',
      tags: tags('fert', 'жеңіл'),
      points: 2,
      text: P([
        `Төмендегі тыңайтқыштардың қайсылары ${kr[0]} тыңайтқыштарына жатады?`,
        `Какие из перечисленных удобрений — ${kr[1]}?`,
      ]),
      data: {
        type: 'multiple',
        scoring: 'partial',
        options: fertilizers
          .filter((_, i) => i % 2 === (nut === 'N' ? 0 : 1) || fertilizers[i]!.nutrient === nut)
          .slice(0, 6)
          .map((f, j) => ({ id: ids[j]!, text: L([f.kk, f.ru]), correct: f.nutrient === nut })),
      },
    });
  }
  return out;
}

/** Seeding rate N = P · M · 100 / G (kg/ha), P in million viable seeds per ha, M the thousand-kernel weight. */
const seedings: Array<[crop: KR, P: number, M: number, G: number]> = [
  [['жаздық бидай', 'яровой пшеницы'], 4.5, 38, 92],
  [['жаздық бидай', 'яровой пшеницы'], 4.0, 35, 90],
  [['қатты бидай', 'твёрдой пшеницы'], 4.0, 42, 88],
  [['арпа', 'ячменя'], 4.0, 45, 94],
  [['сұлы', 'овса'], 4.5, 32, 91],
  [['күздік қара бидай', 'озимой ржи'], 5.0, 30, 93],
  [['асбұршақ', 'гороха'], 1.2, 220, 90],
  [['жасымық', 'чечевицы'], 2.5, 55, 89],
  [['тары', 'проса'], 3.0, 7, 85],
  [['қарақұмық', 'гречихи'], 3.0, 28, 87],
  [['майлы зығыр', 'льна масличного'], 6.0, 6.5, 86],
  [['жаздық рапс', 'ярового рапса'], 2.0, 4.2, 80],
];
const SEEDING_FORMULA = '<span class="math-inline" data-latex="N = \\frac{P \\cdot M \\cdot 100}{G}"></span>';
/** Sowing suitability G = purity · germination / 100. */
const suitabilities: Array<[number, number]> = [
  [98, 94],
  [99, 92],
  [97, 90],
  [99.5, 96],
  [96, 88],
  [98.5, 95],
];
/** Biological yield: ears per m², grains per ear, thousand-kernel weight (g) → c/ha. */
const yields: Array<[crop: KR, E: number, K: number, M: number]> = [
  [['жаздық бидай', 'яровой пшеницы'], 400, 25, 35],
  [['жаздық бидай', 'яровой пшеницы'], 350, 22, 38],
  [['қатты бидай', 'твёрдой пшеницы'], 320, 24, 42],
  [['арпа', 'ячменя'], 450, 18, 44],
  [['арпа', 'ячменя'], 500, 16, 46],
  [['сұлы', 'овса'], 380, 30, 30],
  [['күздік қара бидай', 'озимой ржи'], 420, 28, 28],
  [['жаздық бидай', 'яровой пшеницы'], 280, 20, 33],
];

function calculationQuestions(): DemoQuestion[] {
  const out: DemoQuestion[] = [];
  for (const [i, [[ck, cr], p, m, g]] of seedings.entries()) {
    const value = round((p * m * 100) / g);
    out.push({
      category: 'calc',
      tags: tags('calc', i < 6 ? 'орташа' : 'күрделі'),
      points: 2,
      text: P([
        `Себу мөлшерін есептеңіз (кг/га): ${ck} — 1 га-ға ${p} млн өнгіш дән, 1000 дәннің массасы ${m} г, себу жарамдылығы ${g}%. Формула: ${SEEDING_FORMULA}.`,
        `Рассчитайте норму высева (кг/га) ${cr}: ${p} млн всхожих семян на 1 га, масса 1000 семян ${m} г, посевная годность ${g}%. Формула: ${SEEDING_FORMULA}.`,
      ]),
      feedback: P([
        `N = ${p} · ${m} · 100 / ${g} ≈ ${value} кг/га.`,
        `N = ${p} · ${m} · 100 / ${g} ≈ ${value} кг/га.`,
      ]),
      data: {
        type: 'numerical',
        answers: [
          { value, tolerance: round(value * 0.01, 2), fraction: 1 },
          // Forgetting sowing suitability: half the credit.
          { value: round(p * m), tolerance: round(p * m * 0.01, 2), fraction: 0.5 },
        ],
        units: [
          { unit: 'кг/га', multiplier: 1 },
          { unit: 'kg/ha', multiplier: 1 },
          { unit: 'ц/га', multiplier: 100 },
        ],
        unitRequired: false,
      },
    });
  }
  for (const [i, [purity, germ]] of suitabilities.entries()) {
    const value = round((purity * germ) / 100);
    out.push({
      category: 'calc',
      tags: tags('calc', i % 2 ? 'жеңіл' : 'орташа'),
      points: 1,
      text: P([
        `Тұқымның тазалығы ${purity}%, зертханалық өнгіштігі ${germ}%. Себу жарамдылығы қанша (%)?`,
        `Чистота семян ${purity}%, лабораторная всхожесть ${germ}%. Какова посевная годность (%)?`,
      ]),
      feedback: P([
        `G = ${purity} · ${germ} / 100 ≈ ${value}%.`,
        `G = ${purity} · ${germ} / 100 ≈ ${value}%.`,
      ]),
      data: {
        type: 'numerical',
        answers: [{ value, tolerance: 0.1, fraction: 1 }],
        units: [{ unit: '%', multiplier: 1 }],
        unitRequired: false,
      },
    });
  }
  for (const [i, [[ck, cr], e, k, m]] of yields.entries()) {
    const value = round((e * k * m) / 10000);
    out.push({
      category: 'calc',
      tags: tags('calc', i % 3 === 0 ? 'орташа' : 'күрделі'),
      points: 2,
      text: P([
        `${ck[0]!.toUpperCase()}${ck.slice(1)}: 1 м²-де ${e} өнімді масақ, бір масақта орташа ${k} дән, 1000 дәннің массасы ${m} г. Биологиялық өнімділік қанша (ц/га)?`,
        `Посев ${cr}: ${e} продуктивных колосьев (метёлок) на 1 м², в среднем ${k} зёрен в колосе, масса 1000 зёрен ${m} г. Какова биологическая урожайность (ц/га)?`,
      ]),
      feedback: P([
        `${e} · ${k} · ${m} / 1000 = ${round((e * k * m) / 1000)} г/м² = ${value} ц/га.`,
        `${e} · ${k} · ${m} / 1000 = ${round((e * k * m) / 1000)} г/м² = ${value} ц/га.`,
      ]),
      data: {
        type: 'numerical',
        answers: [{ value, tolerance: round(value * 0.01, 2), fraction: 1 }],
        units: [
          { unit: 'ц/га', multiplier: 1 },
          { unit: 'т/га', multiplier: 10 },
        ],
        unitRequired: false,
      },
    });
  }
  return out;
}

/** Orderings: what comes first in the field, in the plant's life, at harvest. */
const orderings: Array<{ text: KR; items: KR[]; d: Difficulty }> = [
  {
    text: [
      'Дәнді дақылдардың даму фазаларын дұрыс ретпен орналастырыңыз.',
      'Расположите фазы развития зерновых культур в правильном порядке.',
    ],
    items: [
      ['Өну', 'Всходы'],
      ['Түптену', 'Кущение'],
      ['Түтікке шығу', 'Выход в трубку'],
      ['Масақтану', 'Колошение'],
      ['Гүлдеу', 'Цветение'],
      ['Пісу', 'Созревание'],
    ],
    d: 'жеңіл',
  },
  {
    text: ['Дәннің пісу кезеңдерін ретімен орналастырыңыз.', 'Расположите фазы спелости зерна по порядку.'],
    items: [
      ['Сүттену', 'Молочная спелость'],
      ['Балауыздану', 'Восковая спелость'],
      ['Толық пісу', 'Полная спелость'],
    ],
    d: 'жеңіл',
  },
  {
    text: [
      'Солтүстік Қазақстанда жаздық бидай астына топырақ өңдеу және себу жұмыстарын ретімен орналастырыңыз.',
      'Расположите работы по обработке почвы и посеву яровой пшеницы в Северном Казахстане в порядке выполнения.',
    ],
    items: [
      ['Аңызды сыдыра жырту', 'Лущение стерни'],
      ['Күзгі негізгі өңдеу', 'Основная (зяблевая) обработка'],
      ['Қар тоқтату', 'Снегозадержание'],
      ['Ерте көктемгі тырмалау', 'Ранневесеннее боронование'],
      ['Себу алдындағы культивация', 'Предпосевная культивация'],
      ['Себу', 'Посев'],
      ['Себуден кейін тығыздау', 'Послепосевное прикатывание'],
    ],
    d: 'күрделі',
  },
  {
    text: [
      'Құрғақ далалық аймақтың төрт танапты ауыспалы егісінде дақылдарды ретімен орналастырыңыз.',
      'Расположите поля четырёхпольного севооборота сухостепной зоны по порядку.',
    ],
    items: [
      ['Таза сүрі', 'Чистый пар'],
      ['Бидай (сүріден кейін)', 'Пшеница по пару'],
      ['Бидай (екінші жыл)', 'Пшеница повторно'],
      ['Арпа', 'Ячмень'],
    ],
    d: 'орташа',
  },
  {
    text: [
      'Тұқымды себуге дайындау кезеңдерін ретімен орналастырыңыз.',
      'Расположите этапы подготовки семян к посеву по порядку.',
    ],
    items: [
      ['Тазалау', 'Очистка'],
      ['Сұрыптау', 'Сортирование'],
      ['Дәрілеу (улау)', 'Протравливание'],
      ['Себу', 'Посев'],
    ],
    d: 'жеңіл',
  },
  {
    text: [
      'Картоптың даму фазаларын ретімен орналастырыңыз.',
      'Расположите фазы развития картофеля по порядку.',
    ],
    items: [
      ['Өну', 'Всходы'],
      ['Бүршіктену', 'Бутонизация'],
      ['Гүлдеу', 'Цветение'],
      ['Сабақтың солуы', 'Увядание ботвы'],
    ],
    d: 'орташа',
  },
  {
    text: [
      'Күнбағыстың даму фазаларын ретімен орналастырыңыз.',
      'Расположите фазы развития подсолнечника по порядку.',
    ],
    items: [
      ['Өну', 'Всходы'],
      ['Себеттің түзілуі', 'Образование корзинки'],
      ['Гүлдеу', 'Цветение'],
      ['Пісу', 'Созревание'],
    ],
    d: 'орташа',
  },
  {
    text: [
      'Асбұршақтың даму фазаларын ретімен орналастырыңыз.',
      'Расположите фазы развития гороха по порядку.',
    ],
    items: [
      ['Өну', 'Всходы'],
      ['Бұтақтану', 'Ветвление'],
      ['Бүршіктену', 'Бутонизация'],
      ['Гүлдеу', 'Цветение'],
      ['Бұршақ түзілуі', 'Образование бобов'],
      ['Пісу', 'Созревание'],
    ],
    d: 'орташа',
  },
  {
    text: [
      'Бөлек жинау тәсілінің операцияларын ретімен орналастырыңыз.',
      'Расположите операции раздельной уборки по порядку.',
    ],
    items: [
      ['Дестеге шабу', 'Скашивание в валки'],
      ['Дестені кептіру', 'Подсыхание валков'],
      ['Дестені жинап бастыру', 'Подбор и обмолот валков'],
      ['Дәнді тазалау және кептіру', 'Очистка и сушка зерна'],
    ],
    d: 'орташа',
  },
  {
    text: [
      'Жүгерінің даму фазаларын ретімен орналастырыңыз.',
      'Расположите фазы развития кукурузы по порядку.',
    ],
    items: [
      ['Өну', 'Всходы'],
      ['Сыпырғыштың шығуы', 'Выметывание метёлки'],
      ['Собықтың гүлдеуі', 'Цветение початков'],
      ['Дәннің сүттенуі', 'Молочная спелость зерна'],
      ['Толық пісу', 'Полная спелость'],
    ],
    d: 'күрделі',
  },
];

const statements: Array<{ category: DemoCategory; text: KR; correct: boolean; why: KR }> = [
  {
    category: 'tech',
    text: [
      'Таза сүрі топырақта ылғал жинауға және арамшөптермен күресуге арналған.',
      'Чистый пар служит для накопления влаги в почве и борьбы с сорняками.',
    ],
    correct: true,
    why: [
      'Сүрі дала аймағында ылғал жинаудың негізгі тәсілі.',
      'Пар — главный приём накопления влаги в степной зоне.',
    ],
  },
  {
    category: 'tech',
    text: [
      'Қар тоқтату топырақтағы ылғал қорын азайтады.',
      'Снегозадержание уменьшает запасы влаги в почве.',
    ],
    correct: false,
    why: [
      'Қар тоқтату ылғал қорын 30–50 мм-ге дейін арттырады.',
      'Снегозадержание увеличивает запасы влаги на 30–50 мм.',
    ],
  },
  {
    category: 'tech',
    text: [
      'Нөлдік технологияда (No-till) топырақ жыртылмайды, себу аңызға тікелей жүргізіледі.',
      'При нулевой технологии (No-till) почву не обрабатывают, посев ведут прямо по стерне.',
    ],
    correct: true,
    why: ['Тікелей себу топырақ эрозиясын азайтады.', 'Прямой посев снижает эрозию почвы.'],
  },
  {
    category: 'tech',
    text: [
      'Жаздық бидайды Солтүстік Қазақстанда әдетте наурыздың басында себеді.',
      'Яровую пшеницу в Северном Казахстане обычно сеют в начале марта.',
    ],
    correct: false,
    why: ['Оңтайлы мерзім — мамырдың екінші жартысы.', 'Оптимальный срок — вторая половина мая.'],
  },
  {
    category: 'tech',
    text: [
      'Тікелей біріктіріп жинау дән толық піскенде жүргізіледі.',
      'Прямое комбайнирование проводят в фазе полной спелости зерна.',
    ],
    correct: true,
    why: ['Бөлек жинау балауыздану фазасында басталады.', 'Раздельную уборку начинают в восковой спелости.'],
  },
  {
    category: 'fert',
    text: [
      'Бұршақ дақылдары түйнек бактериялар арқылы ауадағы азотты сіңіреді.',
      'Бобовые культуры усваивают азот воздуха с помощью клубеньковых бактерий.',
    ],
    correct: true,
    why: ['Rhizobium бактериялары азотты байлайды.', 'Бактерии рода Rhizobium фиксируют азот.'],
  },
  {
    category: 'fert',
    text: [
      'Карбамидте азоттың үлесі аммиак селитрасындағыдан аз.',
      'В карбамиде азота меньше, чем в аммиачной селитре.',
    ],
    correct: false,
    why: [
      'Карбамидте 46% N, аммиак селитрасында 34% N.',
      'Карбамид содержит 46% N, аммиачная селитра — 34% N.',
    ],
  },
  {
    category: 'fert',
    text: [
      'Фосфор тыңайтқыштары тамыр жүйесінің дамуына ықпал етеді.',
      'Фосфорные удобрения способствуют развитию корневой системы.',
    ],
    correct: true,
    why: ['Фосфор ерте кезеңде тамыр өсуіне қажет.', 'Фосфор нужен для роста корней в ранние фазы.'],
  },
  {
    category: 'protect',
    text: [
      'Тұқымды дәрілеу тұқыммен берілетін ауруларға қарсы қолданылады.',
      'Протравливание семян применяют против болезней, передающихся с семенами.',
    ],
    correct: true,
    why: ['Мысалы, бидайдың қатты қаракүйесіне қарсы.', 'Например, против твёрдой головни пшеницы.'],
  },
  {
    category: 'protect',
    text: [
      'Гербицидтер зиянды жәндіктерге қарсы қолданылады.',
      'Гербициды применяют против вредных насекомых.',
    ],
    correct: false,
    why: [
      'Гербицидтер — арамшөптерге, инсектицидтер — жәндіктерге қарсы.',
      'Гербициды — против сорняков, инсектициды — против насекомых.',
    ],
  },
  {
    category: 'protect',
    text: [
      'Зиянкестің зияндылықтың экономикалық шегі — күрес шығынын ақтайтын ең төменгі саны.',
      'Экономический порог вредоносности — наименьшая численность вредителя, при которой меры борьбы окупаются.',
    ],
    correct: true,
    why: ['ЗЭШ бойынша өңдеу қажеттігі шешіледі.', 'По ЭПВ решают, нужна ли обработка.'],
  },
];

/** Fill-in-the-blanks about technology, with both languages' words accepted. */
const clozes: Array<{
  text: KR;
  gaps: Array<{ id: string; answers: string[] }>;
  d: Difficulty;
  category: DemoCategory;
}> = [
  {
    category: 'tech',
    text: [
      'Ауыспалы егісте дақылдардың кезектесуі {{a}} деп аталады, ал бір танапта бір дақылды бірнеше жыл қатарынан өсіру — {{b}}.',
      'Чередование культур в севообороте называется {{a}}, а выращивание одной культуры на поле несколько лет подряд — {{b}}.',
    ],
    gaps: [
      { id: 'a', answers: ['ротация', 'ротацией', 'ротациясы'] },
      { id: 'b', answers: ['монокультура', 'монокультурой', 'бірегейлік'] },
    ],
    d: 'орташа',
  },
  {
    category: 'fert',
    text: [
      'Азот, фосфор және калий — өсімдіктердің негізгі {{a}} элементтері; бор, мырыш, мыс — {{b}} элементтері.',
      'Азот, фосфор и калий — основные {{a}} растений; бор, цинк, медь — {{b}}.',
    ],
    gaps: [
      { id: 'a', answers: ['макро*', 'макроэлемент*'] },
      { id: 'b', answers: ['микро*', 'микроэлемент*'] },
    ],
    d: 'жеңіл',
  },
  {
    category: 'protect',
    text: [
      'Арамшөптерге қарсы препараттар {{a}}, жәндіктерге қарсы — {{b}}, саңырауқұлақ ауруларына қарсы — {{c}} деп аталады.',
      'Препараты против сорняков называются {{a}}, против насекомых — {{b}}, против грибных болезней — {{c}}.',
    ],
    gaps: [
      { id: 'a', answers: ['гербицид*'] },
      { id: 'b', answers: ['инсектицид*'] },
      { id: 'c', answers: ['фунгицид*'] },
    ],
    d: 'жеңіл',
  },
  {
    category: 'tech',
    text: [
      'Топырақтың ең құнарлы қабаты — {{a}}; Солтүстік Қазақстанның негізгі топырағы — {{b}}.',
      'Самый плодородный слой почвы — {{a}}; основная почва Северного Казахстана — {{b}}.',
    ],
    gaps: [
      { id: 'a', answers: ['гумус*', 'қарашірік*'] },
      { id: 'b', answers: ['қара топырақ', 'чернозём*', 'чернозем*'] },
    ],
    d: 'орташа',
  },
];

const essays: KR[] = [
  [
    'Солтүстік Қазақстанда жаздық бидай өсіру технологиясын сипаттаңыз: алғы дақыл, топырақ өңдеу, себу мерзімі мен мөлшері.',
    'Опишите технологию возделывания яровой пшеницы в Северном Казахстане: предшественник, обработка почвы, сроки и нормы посева.',
  ],
  [
    'Таза сүрінің ылғал жинаудағы және арамшөптермен күрестегі рөлін түсіндіріңіз.',
    'Объясните роль чистого пара в накоплении влаги и борьбе с сорняками.',
  ],
  [
    'Ауыспалы егістің топырақ құнарлылығына әсерін мысалдармен түсіндіріңіз.',
    'Объясните на примерах влияние севооборота на плодородие почвы.',
  ],
  [
    'Нөлдік технологияның (No-till) артықшылықтары мен кемшіліктерін салыстырыңыз.',
    'Сравните преимущества и недостатки нулевой технологии (No-till).',
  ],
  [
    'Бұршақ дақылдарының ауыспалы егістегі маңызын сипаттаңыз.',
    'Опишите значение зернобобовых культур в севообороте.',
  ],
  [
    'Күнбағыс өсірудегі негізгі аурулар мен оларға қарсы күрес шараларын сипаттаңыз.',
    'Опишите основные болезни подсолнечника и меры борьбы с ними.',
  ],
  [
    'Дәнді дақылдарды жинаудың тікелей және бөлек тәсілдерін салыстырыңыз.',
    'Сравните прямое комбайнирование и раздельную уборку зерновых.',
  ],
  [
    'Минералдық тыңайтқыштардың мөлшерін есептеу әдістерін сипаттаңыз.',
    'Опишите методы расчёта доз минеральных удобрений.',
  ],
  [
    'Өсімдіктерді қорғаудың интеграцияланған жүйесінің негізгі элементтерін атаңыз және түсіндіріңіз.',
    'Назовите и объясните основные элементы интегрированной системы защиты растений.',
  ],
  [
    'Жемшөп өндірісінде көпжылдық шөптердің маңызын сипаттаңыз.',
    'Опишите значение многолетних трав в кормопроизводстве.',
  ],
];

function handWritten(): DemoQuestion[] {
  const out: DemoQuestion[] = [];
  for (const o of orderings) {
    out.push({
      category: 'tech',
      tags: tags('tech', o.d),
      points: o.items.length > 5 ? 2 : 1,
      text: P(o.text),
      data: { type: 'ordering', items: o.items.map((it, j) => ({ id: `i${j + 1}`, text: L(it) })) },
    });
  }
  for (const s of statements) {
    out.push({
      category: s.category,
      tags: tags(s.category, 'жеңіл'),
      points: 1,
      text: P(s.text),
      feedback: P(s.why),
      data: { type: 'truefalse', correct: s.correct },
    });
  }
  for (const c of clozes) {
    out.push({
      category: c.category,
      tags: tags(c.category, c.d),
      points: c.gaps.length,
      text: P(c.text),
      data: {
        type: 'cloze',
        gaps: c.gaps.map((g) => ({
          kind: 'short' as const,
          id: g.id,
          weight: 1,
          answers: g.answers.map((text) => ({ text, fraction: 1 })),
          caseSensitive: false,
        })),
      },
    });
  }
  for (const [i, e] of essays.entries()) {
    out.push({
      category: 'essay',
      tags: tags('essay', 'күрделі'),
      points: 5,
      text: P(e),
      data: { type: 'essay', allowFile: i % 3 === 0 },
    });
  }
  return out;
}

/** The whole bank, in a stable order. */
export function demoQuestions(): DemoQuestion[] {
  return [
    ...cropQuestions(),
    ...protectionQuestions(),
    ...fertilizerQuestions(),
    ...calculationQuestions(),
    ...handWritten(),
  ];
}
