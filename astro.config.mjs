// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { exampleShards } from './scripts/site/example-shards-integration.mjs';
import { searchIndex } from './scripts/site/search-index-integration.mjs';

// EVALSITE_BASE hosts the site under a sub-path (e.g. /reports/evalsite/).
export default defineConfig({
  base: process.env.EVALSITE_BASE ?? '/',
  trailingSlash: 'ignore',
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    // src/pages/index.astro sends / to the reader's language (zh for Chinese browsers).
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [mdx(), exampleShards(), searchIndex()],
});
