import { customAlphabet } from 'nanoid';

// Letters and digits only: ids and keys survive double-clicks, URLs and shell quoting.
const random = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');

/** A new random id with a readable prefix, e.g. `newId('srv')` → `srv_3kTq…` (≈ 119 bits). */
export function newId(prefix: string, length = 20): string {
  return `${prefix}_${random(length)}`;
}

/** A project's public key, embedded in host pages: `pk_…`. */
export const newProjectKey = (): string => newId('pk', 20);

/** An admin bearer token: `kz_` + 32 random characters (≈ 190 bits). */
export const newAdminToken = (): string => newId('kz', 32);

/** The key console session cookies are signed with: 48 random characters (≈ 285 bits). */
export const newAuthSecret = (): string => random(48);

/** A generated console password (the demo owner's): 16 random characters (≈ 95 bits). */
export const newPassword = (): string => random(16);
