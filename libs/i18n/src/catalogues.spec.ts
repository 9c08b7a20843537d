import { describe, expect, it } from 'vitest';
import { messageAt, messageKeys, type CatalogueShape } from './catalogue-shape.js';
import { en } from './catalogues/en.js';
import { zhCN } from './catalogues/zh-CN.js';

const CATALOGUES: [string, CatalogueShape][] = [['en', en], ['zh-CN', zhCN]];
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A message's key with its plural form taken off: `history.points_one` → `history.points`. */
const baseKey = (key: string) => key.replace(PLURAL, '');
const placeholders = (message: string) => [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('the message catalogues', () => {
  it('should have every key in both languages', () => {
    const keys = CATALOGUES.map(([, catalogue]) => new Set(messageKeys(catalogue).map(baseKey)));
    const [english = new Set<string>(), chinese = new Set<string>()] = keys;
    expect([...english].filter((key) => !chinese.has(key)), 'keys missing in zh-CN').toEqual([]);
    expect([...chinese].filter((key) => !english.has(key)), 'keys missing in en').toEqual([]);
  });

  it('should have the same placeholders for a key in both languages', () => {
    const mismatched = messageKeys(en).flatMap((key) => {
      const chineseKey = PLURAL.test(key) ? `${baseKey(key)}_other` : key;
      const chinese = messageAt(zhCN, chineseKey);
      const english = messageAt(en, key) ?? '';
      return chinese !== undefined && placeholders(chinese).join() !== placeholders(english).join() ? [`${key}: en {${placeholders(english).join()}} zh-CN {${placeholders(chinese).join()}}`] : [];
    });
    expect(mismatched).toEqual([]);
  });

  it("should give each plural the forms its language needs: English one and other, Chinese other", () => {
    const forms = (catalogue: CatalogueShape) => {
      const byKey = new Map<string, string[]>();
      for (const key of messageKeys(catalogue).filter((key) => PLURAL.test(key))) byKey.set(baseKey(key), [...(byKey.get(baseKey(key)) ?? []), key.slice(baseKey(key).length + 1)].sort());
      return byKey;
    };
    for (const [key, found] of forms(en)) expect(found, key).toEqual(['one', 'other']);
    for (const [key, found] of forms(zhCN)) expect(found, key).toEqual(['other']);
  });

  it('should have no empty message and no untranslated English sentence in Chinese', () => {
    for (const [language, catalogue] of CATALOGUES) for (const key of messageKeys(catalogue)) expect(messageAt(catalogue, key)?.trim(), `${language} ${key}`).not.toBe('');
    // a Chinese message with three English words in a row was left untranslated
    const english = messageKeys(zhCN).filter((key) => /\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b/.test((messageAt(zhCN, key) ?? '').replace(/\{\{\w+\}\}/g, '')));
    expect(english).toEqual([]);
  });

  it('should fail on a key missing in one language (the check above is not vacuous)', () => {
    const keys = new Set(messageKeys({ ...zhCN, extra: { only: 'x' } }).map(baseKey));
    expect([...keys].filter((key) => !new Set(messageKeys(en).map(baseKey)).has(key))).toEqual(['extra.only']);
  });
});
