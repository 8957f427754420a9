/**
 * HTML for printed documents, built only with the `html` tag: every interpolated value is escaped
 * unless it is itself the output of `html`, so a user's string cannot reach the markup raw by
 * forgetting a call. There is no "trust me" escape hatch on purpose.
 */
const markup: unique symbol = Symbol('markup');

export interface SafeHtml {
  readonly [markup]: string;
}

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in element content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const isSafe = (value: unknown): value is SafeHtml => typeof value === 'object' && value !== null && markup in value;

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafe(value)) return value[markup];
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { [markup]: out };
}

/** The finished document's text, for the renderer. */
export const htmlText = (document: SafeHtml): string => document[markup];
