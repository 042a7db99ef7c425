// Builds the site search index (pagefind) over the built pages, whatever the output folder.
// Pagefind splits the index by each page's lang, so English pages search English pages.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export function searchIndex() {
  return {
    name: 'evalsite:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        await index.writeFiles({ outputPath: join(site, 'pagefind') });
        await pagefind.close();
        logger.info(`search index: ${added.page_count} pages`);
      },
    },
  };
}
