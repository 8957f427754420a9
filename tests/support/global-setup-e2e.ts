/** The e2e tier: the same real dependencies as integration tests, plus a production build of the web app. */
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../scripts/lib/web-server.js';
import setupDependencies from './global-setup.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [teardown] = await Promise.all([setupDependencies(project), buildWeb()]);
  return teardown;
}
