// Templates in wikitext: finding them with their nesting, and reading their parameters.

/** A template in a text: its name, its full source and where it is. */
export interface TemplateCall { name: string; source: string; start: number; end: number }

/** The top-level templates of a text, in order, nested braces and links taken into account. */
export function findTemplates(text: string): TemplateCall[] {
  const calls: TemplateCall[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length - 1; i += 1) {
    const pair = text.slice(i, i + 2);
    if (pair === '{{') {
      if (depth === 0) start = i;
      depth += 1;
      i += 1;
    } else if (pair === '}}' && depth > 0) {
      depth -= 1;
      i += 1;
      if (depth === 0) {
        const source = text.slice(start, i + 1);
        const name = (/^\{\{\s*([^|}]*)/.exec(source)?.[1] ?? '').trim().replace(/_/g, ' ');
        calls.push({ name: name.charAt(0).toUpperCase() + name.slice(1), source, start, end: i + 1 });
      }
    }
  }
  return calls;
}

/** Splits a template's inside at the pipes that belong to it (not those inside links or nested templates). */
function topLevelParts(inside: string): string[] {
  const parts: string[] = [];
  let current = '';
  let braces = 0;
  let brackets = 0;
  for (let i = 0; i < inside.length; i += 1) {
    const pair = inside.slice(i, i + 2);
    if (pair === '{{' || pair === '}}' || pair === '[[' || pair === ']]') {
      if (pair === '{{') braces += 1;
      else if (pair === '}}') braces -= 1;
      else if (pair === '[[') brackets += 1;
      else brackets -= 1;
      current += pair;
      i += 1;
    } else if (inside[i] === '|' && braces === 0 && brackets === 0) {
      parts.push(current);
      current = '';
    } else {
      current += inside.charAt(i);
    }
  }
  parts.push(current);
  return parts;
}

/** A template's named parameters (`| name = value`), values trimmed and `{{!}}` read as a pipe. */
export function templateParams(source: string): Map<string, string> {
  const inside = source.replace(/^\{\{/, '').replace(/\}\}$/, '');
  const params = new Map<string, string>();
  for (const part of topLevelParts(inside).slice(1)) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    params.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim().replace(/\{\{\s*!\s*\}\}/g, '|'));
  }
  return params;
}

/** A parameter value as wikitext writes it: a pipe would end the parameter, so it becomes {{!}}. */
export function templateValue(text: string): string {
  return text.replace(/\|/g, '{{!}}');
}
