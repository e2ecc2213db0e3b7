import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/**
 * The 49,000 most common passwords from leaked password sets, as zxcvbn-ts ships them (MIT), lower-cased. Loaded on
 * first use: a sign-in never needs it, only a password being chosen.
 */
export function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}
