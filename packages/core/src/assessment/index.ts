export * from './assembly.ts';
export * from './cloze.ts';
export * from './network.ts';
export * from './outcome.ts';
export * from './questions.ts';
export * from './schedule.ts';
export * from './scoring.ts';
