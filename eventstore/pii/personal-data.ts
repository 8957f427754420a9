/**
 * Sealing and opening the personal values of an event, field by field, under the person's key.
 * The caller passes the key that wraps data keys (the API and the scripts derive it from the
 * master key as deriveKey(masterKey, 'person-key-wrap')); this module knows no configuration.
 */
import type { JsonObject } from '../event-store.js';
import { isSealed, openValue, sealValue } from './field-cipher.js';
import { dataKeyFor, destroyDataKey, findDataKey, type Queryable } from './person-keys.js';

export interface PersonalDataCipher {
  /** Seals every non-null value (creating the person's key on first use). */
  seal(db: Queryable, personId: string, values: JsonObject): Promise<JsonObject>;
  /** Opens every sealed value; each reads as null once the person's key is destroyed. */
  open(db: Queryable, personId: string, values: JsonObject): Promise<JsonObject>;
  /** Destroys the person's key: from now on their sealed values read as null everywhere. */
  erase(db: Queryable, personId: string): Promise<{ erasedAt: Date }>;
}

export function createPersonalDataCipher(deps: { readonly keyWrap: Buffer }): PersonalDataCipher {
  if (deps.keyWrap.length !== 32) throw new Error('The person-key wrapping key must be 32 bytes.');
  return {
    async seal(db, personId, values) {
      const entries = Object.entries(values);
      if (entries.every(([, value]) => value === null)) return values;
      const key = await dataKeyFor(db, deps.keyWrap, personId);
      return Object.fromEntries(
        entries.map(([field, value]) => [field, value === null ? null : sealValue(key, personId, value)]),
      );
    },
    async open(db, personId, values) {
      const entries = Object.entries(values);
      if (!entries.some(([, value]) => isSealed(value))) return values;
      const key = await findDataKey(db, deps.keyWrap, personId);
      return Object.fromEntries(
        entries.map(([field, value]) => [
          field,
          !isSealed(value) ? value : key ? openValue(key, personId, value) : null,
        ]),
      );
    },
    async erase(db, personId) {
      return { erasedAt: await destroyDataKey(db, personId) };
    },
  };
}
