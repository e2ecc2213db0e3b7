import { describe, expect, test } from 'vitest';
import { AUDIT_PURPOSES, auditPurposeKey, type TAuditPurposeKey } from './audit-purposes.js';
import { CATALOGUES } from './i18n/index.js';

describe('audit purposes', () => {
  const keys = Object.keys(AUDIT_PURPOSES) as TAuditPurposeKey[];

  test('every purpose is named in Danish and English, the English being the text the log stores', () => {
    for (const key of keys) {
      expect(CATALOGUES.admin.da, key).toHaveProperty(`purpose_${key}`);
      expect(CATALOGUES.admin.en[`purpose_${key}`], key).toBe(AUDIT_PURPOSES[key]);
    }
    expect(CATALOGUES.admin.da.purpose_casework).toBe('Sagsbehandling');
  });

  test('a stored text leads back to its key, and an unknown text to none', () => {
    expect(new Set(Object.values(AUDIT_PURPOSES)).size).toBe(keys.length);
    for (const key of keys) expect(auditPurposeKey(AUDIT_PURPOSES[key])).toBe(key);
    expect(auditPurposeKey('Something an older version wrote')).toBeUndefined();
    expect(auditPurposeKey('casework')).toBeUndefined();
  });
});
