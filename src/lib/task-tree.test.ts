import { describe, expect, it } from 'vitest';
import { taskTree } from './task-tree.ts';

describe('taskTree', () => {
  it('nests subtasks under groups present in the run and keeps order otherwise', () => {
    const rows = taskTree([
      { task: 'arc', metrics: [] },
      { task: 'mmlu_law', group: 'mmlu_humanities', metrics: [] },
      { task: 'mmlu', isGroup: true, metrics: [] },
      { task: 'mmlu_humanities', group: 'mmlu', isGroup: true, metrics: [] },
      { task: 'orphan', group: 'missing_group', metrics: [] },
    ]);
    expect(rows.map((r) => [r.task.task, r.depth, r.parent ?? '', r.childCount])).toEqual([
      ['arc', 0, '', 0],
      ['mmlu', 0, '', 1],
      ['mmlu_humanities', 1, 'mmlu', 1],
      ['mmlu_law', 2, 'mmlu_humanities', 0],
      ['orphan', 0, '', 0],
    ]);
  });
});
