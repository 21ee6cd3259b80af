import { defineConfig, type Plugin } from 'vite';

/**
 * The admin console's build. Vite 8 transforms TSX itself (Oxc, automatic JSX runtime), so there is
 * no React plugin: `@vitejs/plugin-react` would only add Fast Refresh to `npm run console:dev`,
 * which reloads the page instead (docs/console.md).
 *
 * The console is served under `/console/` (locally by `local/console-static.ts`, on AWS from the
 * bucket behind CloudFront), and reads its runtime settings from `config.json` beside
 * `index.html`, written at deploy time: no API URL or Cognito id is baked into the build.
 */
const API_TARGET = process.env.CONSOLE_API_TARGET ?? 'http://localhost:3000';

/** `npm run console:dev` only: answers `config.json` as the local stack does (local login, `/api`). */
function devRuntimeConfig(): Plugin {
  return {
    name: 'console-dev-runtime-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/console/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify({ apiBase: '/api', auth: { mode: 'local' } }));
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [devRuntimeConfig()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // One small app: a single chunk keeps CloudFront and the local server simple.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: Number(process.env.CONSOLE_DEV_PORT ?? 5173),
    strictPort: true,
    // The API and the local issuer's token route come from a running `npm start`: same origin, no CORS.
    proxy: { '/api': API_TARGET, '/_local': API_TARGET },
  },
});
