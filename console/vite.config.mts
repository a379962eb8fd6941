// The staff console: a static build (dist/) that reads its API address from config.json beside
// it (written by the local stack and by the deploy), or from VITE_API_BASE at build time.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { port: 10087 },
  preview: { port: 10087 },
});
