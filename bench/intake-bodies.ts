import { CATEGORIES } from '../src/domain/categories.js';
import { accountName, reportText } from './corpus.js';
import { Prng } from './prng.js';

/** Report bodies for POST /api/v1/reports, as varied as the generated cases. */
export function reportBodies(seed: string, count: number): string[] {
  const prng = new Prng(`${seed}:intake`);
  return Array.from({ length: count }, (_, i) => {
    const category = prng.pick(CATEGORIES);
    const reportedAccounts = Array.from({ length: prng.int(1, 3) }, () => accountName(prng.int(0, 5000)));
    return JSON.stringify({
      reporterRole: prng.pick(['target', 'third_party', 'undisclosed']),
      reportedAccounts,
      links: Array.from({ length: prng.int(1, 3) }, () => `https://wiki.example.org/w/index.php?diff=${prng.int(1_000_000, 99_999_999)}`),
      description: reportText(prng, category, reportedAccounts),
      category,
      immediateDanger: false,
      ...(prng.chance(0.6) ? { contactEmail: `load${i}@example.org` } : {}),
      language: 'en',
    });
  });
}
