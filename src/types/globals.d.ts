// Build-time constants injected by esbuild (scripts/build.mjs).
declare const __MSSANTE_TEST_BUILD__: boolean;
