/** A worker thread of analyzeRuns: replays its share of the tasks (see scripts/lib/sync-lanes.ts). */
import { workerData } from 'node:worker_threads';
import { failLane, serveLane, type LaneWorkerData } from '../lib/sync-lanes.ts';
import type { ReplayJob } from './from-runs.ts';

const data: LaneWorkerData<ReplayJob> = workerData;
try {
  // Imported here, not above: code that fails to load is reported to the caller, not a silent exit.
  const { computeReplay } = await import('./from-runs.ts');
  serveLane(data, computeReplay);
} catch (err) {
  failLane(data, err);
}
