import type { MatrixRow } from '../table.ts';
import { platformRows } from './platform.ts';

/** The decision table: every area's rows. A route the app registers but this omits fails the build. */
export const matrix: MatrixRow[] = [...platformRows];
