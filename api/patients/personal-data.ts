import { createPersonalDataCipher, type PersonalDataCipher } from '../../eventstore/pii/index.js';
import { deriveKey } from '../auth/keys.js';

/** The API's cipher for personal data in events, its data keys wrapped by a key derived from the master key. */
export function personalDataCipher(masterKey: Buffer): PersonalDataCipher {
  return createPersonalDataCipher({ keyWrap: deriveKey(masterKey, 'person-key-wrap') });
}
