/** Prompts the own runners send: GSM8K few-shot (lm-eval's format), MATH with \boxed{}, JSONL as given. */
import type { Dataset } from '../config.ts';
import type { Item } from '../datasets.ts';

export interface Prompt {
  /** Completions endpoint. */
  text: string;
  /** Chat endpoint. */
  messages: { role: 'system' | 'user'; content: string }[];
  stop: string[];
  maxTokens: number;
}

export function buildPrompt(d: Dataset, item: Item, fewshot: Item[]): Prompt {
  if (d.type === 'gsm8k') {
    const shots = fewshot.map((f) => `Question: ${f.question}\nAnswer: ${f.answerText ?? `#### ${f.reference}`}\n\n`).join('');
    const text = `${shots}Question: ${item.question}\nAnswer:`;
    return {
      text,
      messages: [
        { role: 'system', content: "Solve the math word problem step by step. End with the final answer on its own line as '#### <number>'." },
        { role: 'user', content: text },
      ],
      stop: ['Question:', '</s>', '<|im_end|>'],
      maxTokens: d.max_tokens ?? 256,
    };
  }
  if (d.type === 'math') {
    const text = `Problem: ${item.question}\nGive the final answer in \\boxed{}.\nSolution:`;
    return { text, messages: [{ role: 'user', content: `${item.question}\n\nPlease reason step by step, and put your final answer within \\boxed{}.` }], stop: ['Problem:'], maxTokens: d.max_tokens ?? 1024 };
  }
  return { text: item.question, messages: [{ role: 'user', content: item.question }], stop: [], maxTokens: d.max_tokens ?? 256 };
}
