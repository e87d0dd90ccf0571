import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

// `npm run dev` proxies /api to a running shiftdesk server, so the session cookie stays same-origin.
// SHIFTDESK_API names that server (default http://127.0.0.1:8080). The Host header is kept as the browser sent
// it, so the server's same-origin check (Origin against Host) passes.
export default defineConfig(({ mode }) => {
  const api = loadEnv(mode, ".", "SHIFTDESK_").SHIFTDESK_API ?? "http://127.0.0.1:8080";
  return {
    plugins: [react()],
    server: { proxy: { "/api": { target: api, changeOrigin: false } } },
    preview: { proxy: { "/api": { target: api, changeOrigin: false } } },
    // Everything ships from the server itself: no CDN, no web fonts, nothing fetched elsewhere at run time.
    build: { outDir: "dist", assetsInlineLimit: 0 },
  };
});
