// Vite builds the app into scenes/dist (npm run build): relative asset paths so the static build also opens from
// any folder (offline mode), JSX by oxc's automatic runtime, ECharts in its own chunk loaded with the dashboards.
import { join } from 'node:path';
import { defineConfig, normalizePath } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// Cesium's static files (workers, imagery, widget styles) beside the build, for the globe: see CESIUM_BASE_URL.
const CESIUM_BUILD = normalizePath(join(import.meta.dirname, '..', 'node_modules', 'cesium', 'Build', 'Cesium'));

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  base: './',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  // A build is always the production one, even when started under a test runner that sets NODE_ENV=test.
  define: {
    ...(command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}),
    // Relative to the page, like the rest of the build (base './'), so a static copy works from any folder.
    CESIUM_BASE_URL: JSON.stringify('./cesiumStatic'),
  },
  plugins: [
    viteStaticCopy({
      targets: ['ThirdParty', 'Workers', 'Assets', 'Widgets'].map((d) => ({
        src: `${CESIUM_BUILD}/${d}`,
        dest: 'cesiumStatic',
      })),
    }),
  ],
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
}));
