/** A worker thread of analyzeRuns: replays its share of the tasks (see scripts/lib/sync-lanes.ts). */
import { workerData } from 'node:worker_threads';
import { failLane, serveLane, type LaneWorkerData } from '../lib/sync-lanes.ts';
import type { ReplayPart } from './from-runs.ts';

const data: LaneWorkerData<ReplayPart> = workerData;
try {
  // Imported here, not above: code that fails to load is reported to the caller, not a silent exit.
  const { computeReplayPart } = await import('./from-runs.ts');
  serveLane(data, computeReplayPart);
} catch (err) {
  failLane(data, err);
}
