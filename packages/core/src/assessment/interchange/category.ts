/**
 * Moodle category paths: `$course$/top/Biology/Cells`, segments split by `/` where `//`
 * stands for a slash inside a name. The context (`$course$`, `$system$`, `$module$`,
 * `$cat1$`, …) and the invisible `top` are dropped: the rest nests under the target category.
 */
export function parseCategoryPath(raw: string): string[] {
  const parts = raw
    .trim()
    .replace(/\/\//g, '\ue010')
    .split('/')
    .map((s) => s.replace(/\ue010/g, '/').trim())
    .filter((s) => s.length > 0);
  if (parts[0] && /^\$[a-z0-9_]*\$$/i.test(parts[0])) parts.shift();
  if (parts[0]?.toLowerCase() === 'top') parts.shift();
  return parts.map((p) => p.slice(0, 200));
}

export function formatCategoryPath(path: readonly string[]): string {
  return ['$course$', 'top', ...path.map((p) => p.replace(/\//g, '//'))].join('/');
}
