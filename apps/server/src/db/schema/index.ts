export * from './academics.ts';
export * from './assessment.ts';
export * from './content.ts';
export * from './gradebook.ts';
export * from './identity.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './records.ts';
