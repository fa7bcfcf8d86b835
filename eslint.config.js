// Lint rules, including the layering rule: the pure core (twin/, simulation/) imports no
// rendering, UI or server library, and no Node built-in outside its thin *.node.ts loaders; the app (scenes/) runs
// in a browser and imports neither the server nor Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const uiAndServer = [
  'three',
  'three/*',
  'react',
  'react-dom',
  'react/*',
  '@react-three/*',
  'cesium',
  'fastify',
  '@fastify/*',
  'echarts',
  'echarts/*',
  'zustand',
  'zustand/*',
  'i18next',
  'react-i18next',
];
const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'zlib',
  'worker_threads',
  'child_process',
  'url',
  'stream',
  'http',
  'https',
  'crypto',
  'process',
  'buffer',
];

const noUiOrServer = {
  group: uiAndServer,
  message: 'twin/ and simulation/ are the pure core: no three, React, Cesium or fastify (see DESIGN.md).',
};
const noNodeBuiltins = {
  group: nodeBuiltins,
  message: 'Node built-ins belong in a thin loader named *.node.ts; the core must run in a browser Worker too.',
};

const noServerInApp = {
  group: ['**/server/**', 'fastify', '@fastify/*', 'better-sqlite3'],
  message: 'scenes/ runs in the browser: it talks to the server over HTTP, never imports it (see DESIGN.md).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'scenes/dist/',
      'coverage/',
      'datasets/',
      '**/*.d.ts',
      'out/',
      'runs/',
      '.tmp/',
      // AssemblyScript (its own types and decorators); built and checked by simulation/hydro/build-wasm.node.ts.
      'simulation/hydro/assembly/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        structuredClone: 'readonly',
        SharedArrayBuffer: 'readonly',
        Atomics: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['twin/**/*.ts', 'simulation/**/*.ts'],
    ignores: ['**/*.node.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUiOrServer, noNodeBuiltins] }] },
  },
  {
    files: ['twin/**/*.node.ts', 'simulation/**/*.node.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUiOrServer] }] },
  },
  {
    files: ['scenes/**/*.ts', 'scenes/**/*.tsx'],
    ignores: ['scenes/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerInApp, noNodeBuiltins] }] },
  },
);
