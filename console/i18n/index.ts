import { computed, effect, signal } from '@preact/signals';
import { resolveLocale, type UiLocale } from '../../shared/localize.ts';
import { readStored, writeStored } from '../storage.ts';
import { en, type Messages } from './en.ts';
import { ja } from './ja.ts';

export type { Messages };
const MESSAGES: Record<UiLocale, Messages> = { ja, en };
const STORAGE_KEY = 'kizuna.console.locale';

/** Each language named in itself, so anyone finds theirs whatever the console shows now. */
export const LANGUAGE_NAMES: Record<UiLocale, string> = { ja: '日本語', en: 'English' };

/** The console's language: the one chosen last on this browser, else the browser's own. */
export const locale = signal<UiLocale>(resolveLocale(readStored(STORAGE_KEY), navigator.language));
/** Every string of the console in the chosen language; components re-render when it changes. */
export const t = computed(() => MESSAGES[locale.value]);

export function setLocale(next: UiLocale): void {
  locale.value = next;
  writeStored(STORAGE_KEY, next);
}

// Screen readers pick their voice from the page language.
effect(() => {
  document.documentElement.lang = locale.value;
});
