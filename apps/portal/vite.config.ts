import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The hub the dev server forwards `/api` to; in production the hub serves `dist/` itself, on one origin. */
const HUB = 'http://localhost:4000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': {
        target: HUB,
        // The hub refuses writes whose Origin is not its own; in development the page comes from Vite's origin,
        // so present the request as the hub's own (the browser already sent it same-origin to Vite).
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', HUB);
          });
        },
      },
    },
  },
});
