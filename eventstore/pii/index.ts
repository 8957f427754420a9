/** Personal data in events: per-person keys, sealed fields, crypto-shredding. Imported by the API and projections. */
export { createPersonalDataCipher, type PersonalDataCipher } from './personal-data.js';
export { PersonalDataErasedError, type Queryable } from './person-keys.js';
export { isSealed } from './field-cipher.js';
export { openPatientEvent, sealPatientEvent } from './patient-events.js';
