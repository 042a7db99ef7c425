// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { exampleShards } from './scripts/site/example-shards-integration.mjs';
import { searchIndex } from './scripts/site/search-index-integration.mjs';

// EVALSITE_BASE hosts the site under a sub-path (e.g. /reports/evalsite/); EVALSITE_SITE is the
// origin it is published at (https://example.org), which makes the language alternates absolute.
export default defineConfig({
  base: process.env.EVALSITE_BASE ?? '/',
  ...(process.env.EVALSITE_SITE ? { site: process.env.EVALSITE_SITE } : {}),
  trailingSlash: 'ignore',
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    // src/pages/index.astro sends / to the reader's language (zh for Chinese browsers).
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [mdx(), exampleShards(), searchIndex()],
  vite: {
    build: {
      rolldownOptions: {
        output: {
          // The modules several page scripts share go in one chunk: by default each is a chunk of its
          // own, some importing others, and a page's scripts waited for two or three rounds of
          // requests before running (on a slow machine about 150 ms of a 470 ms load).
          codeSplitting: { groups: [{ name: 'shared', test: /[\\/](src[\\/]scripts|src[\\/]lib|domain|schemas)[\\/]/, minShareCount: 2 }] },
        },
      },
    },
  },
});
