/** data/tables/<name>.csv and .json: the downloads of the big tables (see src/lib/table-files.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allRuns } from '../../../lib/content.ts';
import { downloadTables } from '../../../lib/table-files.ts';
import { toCsv } from '../../../scripts/downloads.ts';

export const getStaticPaths = (async () => {
  const tables = downloadTables(await allRuns());
  return [...tables].flatMap(([name, rows]) => [
    { params: { file: `${name}.csv` }, props: { body: toCsv(rows), type: 'text/csv; charset=utf-8' } },
    { params: { file: `${name}.json` }, props: { body: JSON.stringify(rows, null, 2), type: 'application/json' } },
  ]);
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(String(props.body), { headers: { 'Content-Type': String(props.type) } });
