import { deriveKey } from '../../api/auth/keys.js';
import { createProjections, type Projection } from '../../projections/index.js';

/**
 * Every read model, wired as the projector and `npm run projections:rebuild` run them: personal
 * data in events is opened with data keys wrapped by a key derived from the master key, the same
 * one the API seals with (a different master key would refuse to open them, loudly).
 */
export function projectionsFor(masterKey: Buffer): readonly Projection[] {
  return createProjections({ keyWrap: deriveKey(masterKey, 'person-key-wrap') });
}
