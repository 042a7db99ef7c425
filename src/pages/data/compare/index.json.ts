/** data/compare/index.json: every run, to pick from on the compare page. */
import type { APIRoute } from 'astro';
import { allRuns } from '../../../lib/content.ts';
import { compareIndex } from '../../../lib/compare-data.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(compareIndex(await allRuns())), { headers: { 'Content-Type': 'application/json' } });
