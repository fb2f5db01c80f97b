import { describe, expect, it } from 'vitest';
import { controlMessages } from '../../shared/controls.ts';
import { localize, resolveLocale } from '../../shared/localize.ts';
import { messages } from '../../shared/messages.ts';

describe('resolveLocale', () => {
  it('takes the first candidate we ship a UI for', () => {
    expect(resolveLocale(undefined, 'ja-JP', 'en')).toBe('ja');
    expect(resolveLocale('fr', 'en-US')).toBe('en');
    expect(resolveLocale('EN_gb')).toBe('en');
  });

  it('falls back to English', () => {
    expect(resolveLocale(null, 'de')).toBe('en');
    expect(resolveLocale()).toBe('en');
  });
});

describe('localize', () => {
  const text = { ja: '質問', en: 'Question', 'pt-BR': 'Pergunta' };

  it('prefers the exact tag, then the language, then English', () => {
    expect(localize(text, 'pt-BR')).toBe('Pergunta');
    expect(localize(text, 'ja')).toBe('質問');
    expect(localize({ ja: '質問', en: 'Question' }, 'ja-JP')).toBe('質問');
    expect(localize(text, 'de')).toBe('Question');
    expect(localize({ ja: '質問' }, 'de')).toBe('質問');
  });

  it('uses a plain string for every language', () => {
    expect(localize('Same', 'ja')).toBe('Same');
  });
});

describe('messages', () => {
  it('ships every string in Japanese and English, with seven influence options each', () => {
    expect(Object.keys(messages.ja).sort()).toEqual(Object.keys(messages.en).sort());
    for (const m of Object.values(messages)) {
      expect(m.factorOptions).toHaveLength(7);
      expect(new Set(m.factorOptions).size).toBe(7);
    }
    expect(messages.ja.factorOptions[0]).toBe('とてもマイナスに影響した');
    expect(messages.ja.factorOptions[6]).toBe('とてもプラスに影響した');
    expect(messages.ja.scaleLow).toBe('全く思わない');
    expect(messages.ja.scaleHigh).toBe('非常にそう思う');
    expect([messages.ja.next, messages.ja.submit, messages.ja.close]).toEqual(['次へ', '送信', '閉じる']);
    expect(Object.keys(controlMessages.ja).sort()).toEqual(Object.keys(controlMessages.en).sort());
    expect(controlMessages.ja.done).toBe('完了');
  });
});
