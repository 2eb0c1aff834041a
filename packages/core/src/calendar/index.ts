export * from './academic-calendar.ts';
export * from './dates.ts';
export * from './timetable.ts';
