import { ID_PATTERN, LANGUAGE_PATTERN, ManifestSchema, ManifestTranslationSchema, type ManifestInput } from './schema.js';
import { lineAt, parseYaml, schemaProblems, type YamlSource } from './yaml-source.js';
import { parseSection, type ParsedSection } from './parse-section.js';
import { checkTranslations } from './check-translations.js';
import type { TrainingProblem } from './problems.js';
import type { SectionText, TrainingModule, TrainingSection } from './types.js';

/** A file of a module folder: its name in the folder and its text. */
export interface ModuleFile { name: string; text: string }

const SECTION_FILE = /^([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?))?\.md$/;
const MANIFEST_FILE = /^module(?:\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?))?\.yaml$/;

function readManifest(prefix: string, files: ModuleFile[], problems: TrainingProblem[]): { manifest: ManifestInput; source: YamlSource } | null {
  const file = files.find((f) => f.name === 'module.yaml');
  if (file === undefined) {
    problems.push({ file: `${prefix}module.yaml`, line: null, message: 'module.yaml is missing: it holds the title, summary, estimatedMinutes and the sections in order' });
    return null;
  }
  const parsed = parseYaml(`${prefix}module.yaml`, file.text, 0);
  problems.push(...parsed.problems);
  if (parsed.problems.length > 0) return null;
  const result = ManifestSchema.safeParse(parsed.value ?? {});
  if (!result.success) {
    problems.push(...schemaProblems(parsed.source, result.error, () => ''));
    return null;
  }
  return { manifest: result.data, source: parsed.source };
}

/**
 * Turns the files of one module folder into a module, or lists everything wrong with them.
 * `prefix` is put before file names in problems (the folder, as the person checking sees it).
 */
export function parseModule(id: string, files: ModuleFile[], prefix = ''): { module: TrainingModule | null; problems: TrainingProblem[] } {
  const problems: TrainingProblem[] = [];
  if (!ID_PATTERN.test(id)) problems.push({ file: prefix || id, line: null, message: `the folder name "${id}" is the module's id: use lower-case letters, digits and hyphens` });
  const read = readManifest(prefix, files, problems);
  if (read === null) return { module: null, problems };
  const { manifest, source } = read;

  const listed = new Set<string>();
  manifest.sections.forEach((section, index) => {
    if (listed.has(section)) problems.push({ file: source.file, line: lineAt(source, ['sections', index]), message: `section "${section}" is listed twice` });
    listed.add(section);
  });
  const titles = new Map([[manifest.language, manifest.title]]);
  const summaries = new Map([[manifest.language, manifest.summary]]);
  const parsed = new Map<string, Map<string, ParsedSection>>();

  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const name = `${prefix}${file.name}`;
    const manifestMatch = MANIFEST_FILE.exec(file.name);
    if (manifestMatch !== null) {
      const language = manifestMatch[1];
      if (language === undefined) continue;
      const translation = parseYaml(name, file.text, 0);
      problems.push(...translation.problems);
      const result = translation.problems.length > 0 ? null : ManifestTranslationSchema.safeParse(translation.value ?? {});
      if (result?.success === false) problems.push(...schemaProblems(translation.source, result.error, () => ''));
      if (result?.success === true) {
        titles.set(language, result.data.title);
        summaries.set(language, result.data.summary);
      }
      continue;
    }
    if (/\.ya?ml$/.test(file.name)) {
      problems.push({ file: name, line: null, message: 'the only YAML files of a module are module.yaml and its translations (module.de.yaml)' });
      continue;
    }
    if (!file.name.endsWith('.md')) continue;
    const match = SECTION_FILE.exec(file.name);
    const sectionId = match?.[1];
    const language = match?.[2] ?? manifest.language;
    if (match === null || sectionId === undefined || !LANGUAGE_PATTERN.test(language)) {
      problems.push({ file: name, line: null, message: 'a section file is named <section>.md, or <section>.<language>.md for a translation' });
      continue;
    }
    if (!listed.has(sectionId)) {
      problems.push({ file: name, line: null, message: `"${sectionId}" is not a section of this module: list it under sections in module.yaml, or rename the file` });
      continue;
    }
    if (match[2] === manifest.language) {
      problems.push({ file: name, line: null, message: `the module is written in ${manifest.language} already: that text belongs in ${sectionId}.md` });
      continue;
    }
    const byLanguage = parsed.get(sectionId) ?? new Map<string, ParsedSection>();
    byLanguage.set(language, parseSection(name, file.text, language));
    parsed.set(sectionId, byLanguage);
  }

  const sections: TrainingSection[] = [];
  const questionHome = new Map<string, string>();
  manifest.sections.forEach((sectionId, index) => {
    const byLanguage = parsed.get(sectionId);
    const original = byLanguage?.get(manifest.language);
    if (byLanguage === undefined || original === undefined) {
      problems.push({ file: source.file, line: lineAt(source, ['sections', index]), message: `section "${sectionId}" has no file: add ${sectionId}.md` });
      return;
    }
    for (const section of byLanguage.values()) problems.push(...section.problems);
    for (const [questionId, line] of original.questionLines) {
      const other = questionHome.get(questionId);
      if (other !== undefined && other !== sectionId) {
        problems.push({ file: `${prefix}${sectionId}.md`, line, message: `question id "${questionId}" is already used in section "${other}": question ids are unique in a module` });
      }
      questionHome.set(questionId, sectionId);
    }
    problems.push(...checkTranslations(prefix, sectionId, manifest.language, byLanguage));
    const texts = new Map<string, SectionText>();
    for (const [language, section] of byLanguage) if (section.text !== null) texts.set(language, section.text);
    sections.push({ id: sectionId, texts });
  });

  if (problems.length > 0) return { module: null, problems };
  return {
    module: { id, order: manifest.order, language: manifest.language, titles, summaries, estimatedMinutes: manifest.estimatedMinutes, sections },
    problems,
  };
}
