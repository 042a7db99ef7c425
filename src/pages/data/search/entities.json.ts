/** data/search/entities.json: models, studies and runs for the search page's id matching. */
import type { APIRoute } from 'astro';
import { allRuns, allStudies } from '../../../lib/content.ts';
import { searchEntities } from '../../../lib/search-entities.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(searchEntities(await allRuns(), await allStudies())), { headers: { 'Content-Type': 'application/json' } });
