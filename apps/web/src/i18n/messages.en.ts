import { assemble } from './assemble.ts';
import base from './en.json' with { type: 'json' };

/** Every message of the interface in this language: loaded only when the language is used. */
export default assemble(
  base,
  import.meta.glob<Record<string, unknown>>('./*.en.json', { eager: true, import: 'default' }),
);
