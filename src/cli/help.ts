/**
 * The part of the usage text about one command (`haven user add --help`): the entries whose
 * first line starts with the words given, with their continuation lines; the whole text when
 * none match. Entries are lines indented by two spaces, continued by deeper indentation.
 */
export function helpFor(usage: string, words: string[]): string {
  const lines = usage.split('\n');
  const entries: string[][] = [];
  for (const line of lines) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else if (/^ {3,}\S/.test(line)) entries.at(-1)?.push(line);
  }
  for (let n = words.length; n > 0; n -= 1) {
    const prefix = `  ${words.slice(0, n).join(' ')}`;
    const matching = entries.filter((e) => e[0] !== undefined && (e[0] === prefix || e[0].startsWith(`${prefix} `)));
    if (matching.length > 0) return `Usage: haven\n${matching.map((e) => e.join('\n')).join('\n')}\n`;
  }
  return usage;
}
