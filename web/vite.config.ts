import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: {
    // The root package.json hoists fastify's cookie@2 to node_modules/cookie, while SvelteKit needs
    // its own nested cookie@0.6 (cookie@2 has no `parse` export). Left external, the built server
    // would resolve the hoisted one at run time and crash; bundling resolves it from SvelteKit.
    noExternal: ['cookie'],
  },
});
