import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web pages, built into dist/web, which the server serves on its own origin to signed-in users. `npx vite`
 * serves them with hot reload and forwards the API and the sign-in routes to the running server.
 */
const SERVER = 'http://localhost:4102';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': {
        target: SERVER,
        // The server refuses writes whose Origin is not its own; the page comes from Vite's origin in
        // development, so present the request as the server's own (the browser sent it to Vite same-origin).
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', SERVER);
          });
        },
      },
      // The SDK's routes for the pages (`/orbit/me`: the shell's data, the language saved at the hub).
      '/orbit': {
        target: SERVER,
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', SERVER);
          });
        },
      },
      '/auth': SERVER,
      // The photo files and RSS feeds are served by the server outside /api.
      '/photos': SERVER,
      '/rss': SERVER,
    },
  },
});
