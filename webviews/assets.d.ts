/** Stylesheets imported by a view's main.ts: esbuild emits them as dist/webviews/<view>.css. */
declare module '*.css';
