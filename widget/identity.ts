import { ATTRIBUTES_MAX, ATTRIBUTE_KEY_MAX, ATTRIBUTE_TEXT_MAX, USER_ID_MAX } from '../shared/limits.ts';
import type { UserAttributes } from '../shared/schemas/common.ts';
import { isRecord } from './guards.ts';
import type { Log } from './log.ts';

/** A user id as `identify` may give it; numbers are common in host apps, so they are accepted as text. */
export function toUserId(value: unknown): string | null {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof id === 'string' && id.length > 0 && id.length <= USER_ID_MAX ? id : null;
}

/**
 * Keeps the attributes the server accepts (the `userAttributes` rules). They travel inside the
 * response, and one bad attribute would get the whole answer refused.
 */
export function toAttributes(value: unknown, log: Log): UserAttributes {
  const attributes: UserAttributes = {};
  if (!isRecord(value)) return attributes;
  for (const [key, attribute] of Object.entries(value)) {
    if (Object.keys(attributes).length < ATTRIBUTES_MAX && key.length > 0 && key.length <= ATTRIBUTE_KEY_MAX && isAttributeValue(attribute)) {
      attributes[key] = attribute;
    } else {
      log(`identify: attribute "${key}" ignored`);
    }
  }
  return attributes;
}

function isAttributeValue(value: unknown): value is UserAttributes[string] {
  return (
    value === null ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= ATTRIBUTE_TEXT_MAX)
  );
}
