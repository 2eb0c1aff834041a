export * from './identity.ts';
export * from './org.ts';
export * from './platform.ts';
export * from './academics.ts';
