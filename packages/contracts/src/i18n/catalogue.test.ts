import { describe, expect, test } from 'vitest';
import { CATALOGUES } from './index.js';

describe('i18n catalogue', () => {
  for (const [ns, cat] of Object.entries(CATALOGUES)) {
    test(`${ns}: Danish and English have the same keys, none empty`, () => {
      expect(Object.keys(cat.da).sort()).toEqual(Object.keys(cat.en).sort());
      for (const [key, text] of [...Object.entries(cat.da), ...Object.entries(cat.en)]) {
        expect(text.trim(), `${ns}:${key}`).not.toBe('');
      }
    });
    if (cat.sv) {
      test(`${ns}: Swedish keys all exist in Danish`, () => {
        for (const key of Object.keys(cat.sv!)) expect(cat.da, key).toHaveProperty(key);
      });
    }
  }
});
