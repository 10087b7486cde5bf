// Vite builds the UI into ui/dist, which tauri.conf.json embeds into the desktop binary.
// No React plugin: esbuild compiles TSX using "jsx": "react-jsx" from tsconfig.json.
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tauri serves the embedded files from its own origin; relative URLs work there and in a
  // plain `vite preview` alike.
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ on Debian 12 supports ES2021 comfortably.
    target: "es2021",
    // Keep fonts as files: they are embedded by Tauri anyway, and inlining 2 MB as base64
    // would only bloat the CSS.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
