/** Parses PyTorch's collect_env text (lm-eval's `pretty_env_info`) into an Environment. */
import type { Environment } from '../../../schemas/types.gen.ts';

export function parseEnvInfo(text: string): Environment {
  const env: Environment = {};
  const field = (label: string): string | undefined => {
    const m = new RegExp(`^${label}:\\s*(.+)$`, 'm').exec(text);
    const v = m?.[1]?.trim();
    return v && !/^(N\/A|Could not collect|None)$/i.test(v) ? v : undefined;
  };
  const os = field('OS');
  if (os) env.os = os;
  const py = field('Python version');
  if (py) env.python = py;
  const cuda = field('CUDA runtime version') ?? field('CUDA used to build PyTorch');
  if (cuda) env.cuda = cuda;
  const driver = field('Nvidia driver version');
  if (driver) env.driver = driver;
  const cudnn = field('cuDNN version');
  if (cudnn) env.cudnn = cudnn.split('\n')[0]!;
  const torch = field('PyTorch version');
  if (torch) env.packages = { torch };
  const gpuBlock = /^GPU models and configuration:\s*(.*(?:\n(?:GPU \d+:.*))*)/m.exec(text)?.[1];
  if (gpuBlock) {
    const gpus = [...gpuBlock.matchAll(/GPU (\d+):\s*([^\n]+)/g)].map((m) => ({ index: Number(m[1]), name: m[2]!.trim() }));
    if (!gpus.length && gpuBlock.trim() && !/Could not collect|N\/A/.test(gpuBlock)) gpus.push({ index: 0, name: gpuBlock.trim() });
    if (gpus.length) env.gpus = gpus;
  }
  return env;
}
