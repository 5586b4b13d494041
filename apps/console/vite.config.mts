import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:console` sets NODE_ENV=production: jest's global setup runs the build with NODE_ENV=test,
// which would otherwise give React's development build and JSX transform.
// The API the dev server proxies to (`npm start` in another terminal): same origin for the browser.
const api = process.env.CONSOLE_DEV_API ?? 'http://127.0.0.1:3000';
const apiPaths = [
  '/requests',
  '/incidents',
  '/clients',
  '/orders',
  '/services',
  '/me',
  '/calls',
  '/directory',
  '/team',
  '/health',
  '/dev-idp',
  '/console/config.json',
];

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/apps/console'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
