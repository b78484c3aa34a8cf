/** The two databases Haven runs on. */
export type DialectName = 'sqlite' | 'postgres';
