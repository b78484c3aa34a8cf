import { templateBlanks } from '../../../domain/reply-templates.js';
import type { Template } from '../../../shared/api/templates.js';
import type { DeskTemplate } from '../../../services/template-access.js';

/** A template as staff of its desk see it. */
export function presentTemplate({ template: t, desk }: DeskTemplate): Template {
  return {
    id: t.id, desk: { slug: desk.slug, name: desk.name }, name: t.name, language: t.language, purpose: t.purpose, body: t.body,
    blanks: templateBlanks(t.body), updatedAt: t.updatedAt.toISOString(), retiredAt: t.retiredAt?.toISOString() ?? null,
  };
}
