import { describe, expect, test } from 'vitest';
import { attachmentDisposition, safeFileName } from './file-names.js';

describe('file names', () => {
  test('a shown name has no path and no control characters', () => {
    expect(safeFileName('C:\\Users\\amal\\pas.pdf')).toBe('pas.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(safeFileName('  ')).toBe('document');
    // A right-to-left override would show "faktura\u202Efdp.exe" as "fakturaexe.pdf".
    expect(safeFileName('faktura\u202Efdp.exe')).toBe('fakturafdp.exe');
    expect(safeFileName('\u2066a\u2069\u200Fb.pdf')).toBe('ab.pdf');
  });

  test('a download is an attachment named with the extension of its content, ASCII plus the full UTF-8 name', () => {
    expect(attachmentDisposition('vielsesattest.pdf', 'application/pdf')).toBe(
      `attachment; filename="vielsesattest.pdf"; filename*=UTF-8''vielsesattest.pdf`,
    );
    expect(attachmentDisposition('scan.exe', 'application/pdf')).toContain('filename="scan.exe.pdf"');
    expect(attachmentDisposition('photo.JPEG', 'image/jpeg')).toContain('filename="photo.JPEG"');
    const danish = attachmentDisposition('Bolig "kontrakt" æøå.pdf', 'application/pdf');
    expect(danish).toMatch(/^attachment; filename="Bolig_[A-Za-z0-9._-]*a\.pdf"; /);
    expect(danish).toContain(`filename*=UTF-8''Bolig%20%22kontrakt%22%20%C3%A6%C3%B8%C3%A5.pdf`);
    expect(attachmentDisposition('x"; filename="evil.html', 'image/png')).not.toMatch(/filename="[^"]*"[^;]*"/);
  });
});
