/** data/compare/runs/<id>.json: what the compare page needs of one run. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allRuns } from '../../../../lib/content.ts';
import { compareRun } from '../../../../lib/compare-data.ts';
import { distinguishers } from '../../../../lib/run-distinction.ts';
import { dataUrl } from '../../../../lib/paths.ts';
import type { NormalizedRun } from '../../../../../schemas/types.gen.ts';

export const getStaticPaths = (async () => {
  const runs = await allRuns();
  const where = distinguishers(runs);
  return runs.map((run) => ({ params: { id: run.id }, props: { run, where: where.get(run.id) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ run: NormalizedRun; where: string | undefined }> = ({ props }) =>
  new Response(JSON.stringify(compareRun(props.run, props.where, (p) => dataUrl(`examples/${p}`))), { headers: { 'Content-Type': 'application/json' } });
