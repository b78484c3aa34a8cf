import { useEffect, useState } from 'react';
import { isAbort, listTemplates, type Template } from './api';

/** The live templates of one desk, for the composer; none until loaded, or when loading fails (a reply needs none). */
export function useDeskTemplates(deskSlug: string | null): readonly Template[] {
  const [templates, setTemplates] = useState<readonly Template[]>([]);
  useEffect(() => {
    if (deskSlug === null) return undefined;
    const controller = new AbortController();
    listTemplates({ desk: deskSlug }, controller.signal).then(setTemplates, (error: unknown) => {
      if (!isAbort(error)) setTemplates([]);
    });
    return () => controller.abort();
  }, [deskSlug]);
  return templates;
}
