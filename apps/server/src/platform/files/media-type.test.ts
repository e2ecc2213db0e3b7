import { describe, expect, test } from 'vitest';
import { detectMediaType } from './media-type.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('detectMediaType', () => {
  test('knows PDF, PNG and JPEG by their first bytes', () => {
    expect(detectMediaType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(detectMediaType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
  });

  test('a renamed text file or a truncated header is not accepted', () => {
    expect(detectMediaType(new TextEncoder().encode('hello, I am passport.pdf'))).toBeNull();
    expect(detectMediaType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(detectMediaType(bytes())).toBeNull();
    expect(detectMediaType(new TextEncoder().encode('<html>%PDF-'))).toBeNull();
  });
});
