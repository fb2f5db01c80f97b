// @vitest-environment console
import { describe, expect, it } from 'vitest';
import { en } from '../../console/i18n/en.ts';
import { ja } from '../../console/i18n/ja.ts';

type Tree = { [key: string]: unknown };

/** Every leaf as `path: kind`, arrays with their length (the type checks each function's parameters). */
function shape(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (typeof value === 'function') return [`${path}: function`];
    if (Array.isArray(value)) return [`${path}: array/${value.length}`];
    if (value && typeof value === 'object') return shape(value as Tree, `${path}.`);
    return [`${path}: ${typeof value}`];
  });
}

/** Every string a message can give, with sample arguments for the functions. */
function texts(tree: Tree): string[] {
  return Object.values(tree).flatMap((value): string[] => {
    if (typeof value === 'function') return [String(value('X', 2, 'Y'))];
    if (Array.isArray(value)) return value.map(String);
    if (value && typeof value === 'object') return texts(value as Tree);
    return [String(value)];
  });
}

describe('console messages', () => {
  it('have the same keys and kinds in Japanese and English', () => {
    expect(shape(ja).sort()).toEqual(shape(en).sort());
  });

  it('are all non-empty, and the Japanese ones are really translated', () => {
    for (const text of [...texts(en), ...texts(ja)]) expect(text.trim()).not.toBe('');
    const same = texts(ja).filter((text, i) => text === texts(en)[i] && /[a-z]{4}/.test(text));
    expect(same).toEqual([]);
  });

  it('name the loyalty matrix cells as the product does', () => {
    expect(ja.dashboard.matrixCells).toEqual({
      high: { detractor: '離脱候補者', passive: 'ロイヤルカスタマー候補者', promoter: 'ロイヤルカスタマー' },
      low: { detractor: '非協力者', passive: '一般顧客', promoter: '広報担当者（ファン）' },
    });
    expect(en.dashboard.matrixCells).toEqual({
      high: { detractor: 'Churn risk', passive: 'Loyal candidate', promoter: 'Loyal customer' },
      low: { detractor: 'Disengaged', passive: 'Regular', promoter: 'Fan / advocate' },
    });
  });
});
