import { createHash } from 'node:crypto';
import { nanoid } from 'nanoid';

/** A one-time link token or an authoring session: 32 URL-safe characters (192 bits), fit for a URL fragment. */
export const newSecretToken = (): string => nanoid(32);

/**
 * What is stored of a token: its SHA-256, hex. Tokens are random enough that a plain hash needs
 * no salt or slow hashing to make a leaked table useless.
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The token of an `Authorization: Bearer <token>` header; undefined for any other form. */
export const bearerToken = (authorization: string | undefined): string | undefined =>
  authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
