/**
 * Per-example records kept in a list: what readers use where the context has no spool (ingest
 * without a content folder, the tests' listing reads). It follows the spool's contract, so a reader
 * has one code path either way.
 */
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import type { SpooledExamples } from '../adapter.ts';

export class ListedExamples implements SpooledExamples {
  readonly records: ExampleRecord[] = [];

  get count(): number {
    return this.records.length;
  }

  push(record: ExampleRecord): void {
    this.records.push(record);
  }

  update(index: number, _status: ExampleRecord['status'], change: (pushed: ExampleRecord) => ExampleRecord): void {
    const pushed = this.records[index];
    if (!pushed) throw new RangeError(`no example record at ${index} (${this.records.length} pushed)`);
    this.records[index] = change(pushed);
  }

  outcomes(): ExampleRecord[] {
    return this.records;
  }

  discard(): void {
    this.records.length = 0;
  }
}
