import { describe, expect, it } from 'vitest';
import { parseEnvInfo } from './env-info.ts';

describe('parseEnvInfo (lm-eval pretty_env_info)', () => {
  it('takes cuDNN from the libcudnn.so lines, not "Probably one of the following"', () => {
    const env = parseEnvInfo('PyTorch version: 2.1.0\nCUDA runtime version: 12.1.105\nGPU models and configuration:\nGPU 0: NVIDIA A100-SXM4-80GB\n\nNvidia driver version: 535.104.05\ncuDNN version: Probably one of the following:\n/usr/lib/x86_64-linux-gnu/libcudnn.so.8.9.2\n/usr/lib/x86_64-linux-gnu/libcudnn_adv_infer.so.8.9.2\n');
    expect(env).toMatchObject({ cudnn: '8.9.2', cuda: '12.1.105', driver: '535.104.05', gpus: [{ index: 0, name: 'NVIDIA A100-SXM4-80GB' }] });
  });

  it('"No CUDA" means no GPU, and N/A values are missing', () => {
    const env = parseEnvInfo('PyTorch version: 2.2.0\nCUDA used to build PyTorch: None\nCUDA runtime version: No CUDA\nGPU models and configuration: No CUDA\nNvidia driver version: No CUDA\ncuDNN version: No CUDA\nHIP runtime version: N/A\n');
    expect(env).toEqual({ packages: { torch: '2.2.0' } });
  });

  it('an empty field does not take the next line as its value', () => {
    expect(parseEnvInfo('Nvidia driver version: \ncuDNN version: 8902\n')).toEqual({ cudnn: '8902' });
  });
});
