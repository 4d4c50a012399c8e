// The portal's dev server and build. Preact's automatic JSX runtime through oxc, no plugin.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { host: '127.0.0.1', strictPort: true },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4096 },
});
