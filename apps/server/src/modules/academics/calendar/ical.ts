import ical from 'ical-generator';
import { addDays } from '#core/calendar/index.ts';
import { type Language, t } from '../../../platform/i18n.ts';
import type { ExamDto } from '../timetable/queries.ts';
import type { AcademicYearDto } from './queries.ts';

/**
 * RFC 5545 calendar of one person: the periods and their events as all-day events (days),
 * and their exams as timed events in UTC; phones show them in Asia/Almaty.
 */
export function renderIcs(opts: {
  lang: Language;
  calendar: AcademicYearDto | null;
  exams: ExamDto[];
  host: string;
}): string {
  const { lang, calendar, exams, host } = opts;
  const cal = ical({
    name: t(lang, 'academics.feedName'),
    prodId: { company: 'KATU', product: 'distance-learning', language: lang.toUpperCase() },
    // The zone phones display in; every instant below is written in UTC.
    x: [['X-WR-TIMEZONE', 'Asia/Almaty']],
  });
  const stamp = calendar?.approvedAt ? new Date(calendar.approvedAt) : new Date(0);
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  for (const p of calendar?.periods ?? []) {
    cal.createEvent({
      id: `period-${p.id}@${host}`,
      allDay: true,
      start: day(p.start),
      // DTEND of an all-day event is exclusive.
      end: day(addDays(p.end, 1)),
      stamp,
      summary:
        p.kind === 'summer'
          ? t(lang, 'academics.event.summer')
          : t(lang, 'academics.event.trimester', { number: p.number }),
    });
    p.events.forEach((e, i) => {
      cal.createEvent({
        id: `event-${p.id}-${i}@${host}`,
        allDay: true,
        start: day(e.start),
        end: day(addDays(e.end, 1)),
        stamp,
        summary: t(lang, `academics.event.${e.kind}`),
      });
    });
  }
  for (const x of exams) {
    cal.createEvent({
      id: `exam-${x.id}@${host}`,
      start: new Date(x.startsAt),
      end: new Date(x.endsAt),
      stamp,
      summary: t(lang, 'academics.event.exam', { discipline: x.disciplineName[lang] }),
      location: x.place ?? x.onlineUrl ?? undefined,
      url: x.onlineUrl ?? undefined,
    });
  }
  return cal.toString();
}
