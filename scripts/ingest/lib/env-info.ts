/** Parses PyTorch's collect_env text (lm-eval's `pretty_env_info`) into an Environment. */
import type { Environment } from '../../../schemas/types.gen.ts';

// Values collect_env writes when there is nothing: "No CUDA" means no GPU, not a GPU named so.
const MISSING = /^(N\/A|Could not collect|None|No CUDA|Not available|)$/i;

export function parseEnvInfo(text: string): Environment {
  const env: Environment = {};
  // [ \t]*, not \s*: an empty field must not take the next line as its value.
  const field = (label: string): string | undefined => {
    const m = new RegExp(`^${label}:[ \\t]*(.*)$`, 'm').exec(text);
    const v = m?.[1]?.trim();
    return v && !MISSING.test(v) ? v : undefined;
  };
  const os = field('OS');
  if (os) env.os = os;
  const py = field('Python version');
  if (py) env.python = py;
  const cuda = field('CUDA runtime version') ?? field('CUDA used to build PyTorch');
  if (cuda) env.cuda = cuda;
  const driver = field('Nvidia driver version');
  if (driver) env.driver = driver;
  // "cuDNN version: Probably one of the following:" is followed by library paths; the version is
  // in the first libcudnn.so.X.Y.Z.
  const cudnnField = field('cuDNN version');
  const cudnn = cudnnField && /^Probably one of the following/i.test(cudnnField) ? /libcudnn\.so\.(\d+(?:\.\d+){0,3})\b/.exec(text)?.[1] : cudnnField;
  if (cudnn) env.cudnn = cudnn;
  const torch = field('PyTorch version');
  if (torch) env.packages = { torch };
  const gpuBlock = /^GPU models and configuration:\s*(.*(?:\n(?:GPU \d+:.*))*)/m.exec(text)?.[1];
  if (gpuBlock && !MISSING.test(gpuBlock.split('\n')[0]!.trim())) {
    const gpus = [...gpuBlock.matchAll(/GPU (\d+):\s*([^\n]+)/g)].map((m) => ({ index: Number(m[1]), name: m[2]!.trim() }));
    if (!gpus.length && gpuBlock.trim() && !/Could not collect|N\/A/.test(gpuBlock)) gpus.push({ index: 0, name: gpuBlock.trim() });
    if (gpus.length) env.gpus = gpus;
  }
  return env;
}
