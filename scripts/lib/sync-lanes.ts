/**
 * Runs independent jobs on every core while the caller stays synchronous (ingest is one synchronous
 * pass). The calling thread is one lane and works through its share; worker threads take the
 * others, post each result on a port of their own and bump a shared counter; the caller then
 * sleeps on that counter (Atomics.wait) and picks the results up with receiveMessageOnPort, so no
 * event-loop turn is needed. Results come back in job order, the same as running them one by one.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** What a lane worker posts for each job: its index and result, or why it failed. */
export type LaneMessage<R> = { index: number; result: R } | { index: number; error: string };

export interface LaneWorkerData<J> {
  jobs: [number, J][];
  port: MessagePort;
  done: Int32Array;
}

/** Lanes for this process: EVALSITE_THREADS when set (1 = none beside the caller), else one per core. */
export function laneCount(): number {
  const set = Number(process.env.EVALSITE_THREADS);
  return Number.isInteger(set) && set >= 1 ? set : availableParallelism();
}

/**
 * Each job's result, in order. `cost` balances the lanes (longest first, to the least loaded);
 * `workerModule` runs `serveLane` with the same `run` the caller uses inline.
 */
export function runInLanes<J, R>(jobs: J[], run: (job: J) => R, workerModule: URL, opts: { cost?: (job: J) => number; lanes?: number } = {}): R[] {
  const lanes = Math.max(1, Math.min(opts.lanes ?? laneCount(), jobs.length));
  if (lanes === 1) return jobs.map(run);
  const load = new Array<number>(lanes).fill(0);
  const share: [number, J][][] = Array.from({ length: lanes }, () => []);
  const order = jobs.map((job, index) => ({ job, index, cost: opts.cost?.(job) ?? 1 })).sort((a, b) => b.cost - a.cost || a.index - b.index);
  for (const { job, index, cost } of order) {
    const lane = load.indexOf(Math.min(...load));
    share[lane]!.push([index, job]);
    load[lane]! += cost;
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const ports: MessagePort[] = [];
  const workers = share.slice(1).map((mine) => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const data: LaneWorkerData<J> = { jobs: mine, port: port2, done };
    return new Worker(workerModule, { workerData: data, transferList: [port2] });
  });
  const results = new Array<R>(jobs.length);
  try {
    for (const [index, job] of share[0]!) results[index] = run(job);
    let pending = jobs.length - share[0]!.length;
    while (pending > 0) {
      const seen = Atomics.load(done, 0);
      let got = false;
      for (const port of ports) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const msg = m.message as LaneMessage<R>;
          if ('error' in msg) throw new Error(`job ${msg.index} failed in a worker thread: ${msg.error}`);
          results[msg.index] = msg.result;
          pending--;
          got = true;
        }
      }
      // A worker that died without a word would leave us waiting: look again every few seconds.
      if (!got && pending > 0) Atomics.wait(done, 0, seen, 5000);
    }
  } finally {
    for (const w of workers) void w.terminate();
    for (const p of ports) p.close();
  }
  return results;
}

/** The worker side: runs its share of the jobs, posting each result as it is ready. */
export function serveLane<J, R>(data: LaneWorkerData<J>, run: (job: J) => R): void {
  for (const [index, job] of data.jobs) {
    let msg: LaneMessage<R>;
    try {
      msg = { index, result: run(job) };
    } catch (err) {
      msg = { index, error: err instanceof Error ? err.message : String(err) };
    }
    data.port.postMessage(msg);
    Atomics.add(data.done, 0, 1);
    Atomics.notify(data.done, 0);
  }
}

/** The worker side when it cannot run at all (its code failed to load): the caller hears why. */
export function failLane<J>(data: LaneWorkerData<J>, err: unknown): void {
  const msg: LaneMessage<never> = { index: data.jobs[0]?.[0] ?? -1, error: err instanceof Error ? err.message : String(err) };
  data.port.postMessage(msg);
  Atomics.add(data.done, 0, 1);
  Atomics.notify(data.done, 0);
}
