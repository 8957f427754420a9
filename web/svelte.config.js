import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// WEB_BUILD_OUT: a build of its own (the e2e tests), leaving web/build to a running `npm start`.
const buildDir = process.env.WEB_BUILD_OUT
  ? resolve(process.env.WEB_BUILD_OUT)
  : fileURLToPath(new URL('./build', import.meta.url));

/**
 * adapter-node reads `package.json` from the working directory to decide which packages stay
 * external (imported from node_modules at run time) instead of bundled. The web app has no
 * package.json of its own, by design: it shares the repository's. So the adapter runs with the
 * repository root as working directory; every other path it uses is absolute (SvelteKit resolves
 * its outDir, and `out` is given absolute here), so nothing else moves.
 * @param {import('@sveltejs/adapter-node').AdapterOptions} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function nodeAdapterFromRepoRoot(options) {
  const inner = adapter(options);
  return {
    ...inner,
    async adapt(builder) {
      const previous = process.cwd();
      process.chdir(repoRoot);
      try {
        await inner.adapt(builder);
      } finally {
        process.chdir(previous);
      }
    },
  };
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Output in web/build; run with `node web/build/index.js` (honours PORT and HOST).
    adapter: nodeAdapterFromRepoRoot({ out: buildDir }),
    // Pages show health data: no third-party code, no framing, forms post only here. SvelteKit
    // adds a nonce for its own inline script; the QR code for two-step setup is a data: image.
    // The origin check on form actions (kit.csrf) stays at its default: on.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
