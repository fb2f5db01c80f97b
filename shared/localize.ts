import type { LocalizedText } from './schemas/common.ts';

/** The languages the widget's own texts ship in. */
export const UI_LOCALES = ['ja', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** First candidate whose language we ship a UI for ("ja-JP" → "ja"); English otherwise. */
export function resolveLocale(...candidates: Array<string | null | undefined>): UiLocale {
  for (const candidate of candidates) {
    const lang = candidate?.toLowerCase().split(/[-_]/)[0];
    const match = UI_LOCALES.find((l) => l === lang);
    if (match) return match;
  }
  return 'en';
}

/** Picks the text for a locale: exact tag, then its language, then English, Japanese, any. */
export function localize(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const lang = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[lang] ?? text.en ?? text.ja ?? Object.values(text)[0] ?? '';
}
