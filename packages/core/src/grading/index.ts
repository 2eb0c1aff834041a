export * from './journal.ts';
export * from './rules.ts';
export * from './scale.ts';
export * from './settings.ts';
export * from './statement.ts';
export * from './transcript.ts';
