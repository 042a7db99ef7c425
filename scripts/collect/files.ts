/** Small reads of files the collector and the tools it runs wrote. */
import { readFileSync } from 'node:fs';
import { isObj, type Obj } from '../../domain/guards.ts';

/** The last lines of a log, for an error message ("(no log)" when there is none). */
export function logTail(path: string, n = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A JSON object file, or undefined when it is missing, unreadable or not an object. */
export function readJsonObject(path: string): Obj | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
