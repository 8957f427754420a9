/** Reading practice forms: trimmed text, repeated values, and whole numbers with their limits. */

export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function allOf(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim())
    .filter(Boolean);
}

export type WholeNumber = { ok: true; value: number } | { ok: false; message: string };

export function wholeNumber(text: string, min: number, max: number): WholeNumber {
  if (!/^\d+$/.test(text)) return { ok: false, message: 'Enter a whole number.' };
  const value = Number(text);
  if (value < min || value > max) return { ok: false, message: `Enter a number from ${min} to ${max}.` };
  return { ok: true, value };
}

/** Indexed rows of a form ("education.0.degree", "education.1.degree", …), in index order. */
export function rowsOf<K extends string>(form: FormData, prefix: string, keys: readonly K[]): Array<Record<K, string>> {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d+)\\.`);
  for (const name of form.keys()) {
    const match = pattern.exec(name);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map(
      (index) =>
        Object.fromEntries(keys.map((key) => [key, textOf(form, `${prefix}.${index}.${key}`)])) as Record<K, string>,
    );
}
