/**
 * The downloads of tables too big to carry inline (the run list, the leaderboard's rankings):
 * written once as files under data/tables/, linked from the page, so the HTML stays small.
 */
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { averageDownload, boardDownload, boardSlugs, leaderboards, matrixDownload } from './leaderboard.ts';
import { runDownload } from './run-download.ts';

export function downloadTables(runs: NormalizedRun[]): Map<string, Record<string, unknown>[]> {
  const boards = leaderboards(runs);
  const tables = new Map<string, Record<string, unknown>[]>([['runs', runs.map(runDownload)], ['leaderboard', matrixDownload(boards)]]);
  if (boards.average) tables.set('leaderboard-average', averageDownload(boards.average));
  for (const [b, s] of boardSlugs(boards.tasks)) tables.set(`leaderboard-${s}`, boardDownload(b));
  return tables;
}
