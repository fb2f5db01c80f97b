import type { LocalizedText } from './schemas/common.ts';

/** A person-facing text being edited (console and in-app authoring): one field per UI language, other languages kept as they were. */
export type LocalizedDraft = Record<string, string> & { ja: string; en: string };

/** A single string stands for every language, so it fills both fields. */
export function toLocalizedDraft(text: LocalizedText | undefined): LocalizedDraft {
  if (text === undefined) return { ja: '', en: '' };
  if (typeof text === 'string') return { ja: text, en: text };
  return { ...text, ja: text.ja ?? '', en: text.en ?? '' };
}

/**
 * The languages filled in (blank ones left out, so the server names the field when none is);
 * the same text in both and no other language is one string for every language, as it came.
 */
export function fromLocalizedDraft(draft: LocalizedDraft): LocalizedText {
  const filled = Object.fromEntries(Object.entries(draft).filter(([, value]) => value.trim() !== ''));
  const languages = Object.keys(filled);
  return languages.length === 2 && draft.ja === draft.en ? draft.en : filled;
}
