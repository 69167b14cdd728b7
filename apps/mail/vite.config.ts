import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Mail's web UI. Built into `dist/web`, which the Mail server serves on its own origin: `index.html` for every
 * page path, the files under `assets/`. The dev server forwards the API and the sign-in routes to a running
 * Mail server.
 */
const MAIL = 'http://localhost:4101';

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
        target: MAIL,
        // Mail refuses writes whose Origin is not its own; in development the page comes from Vite's origin,
        // so present the request as Mail's own (the browser already sent it same-origin to Vite).
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', MAIL);
          });
        },
      },
      '/auth': MAIL,
    },
  },
});
