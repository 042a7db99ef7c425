"""One-shot quantization of a model with llm-compressor, for `npm run collect` (variant.quantize).

Run by the collector in the serving environment's Python (server.python):
    python quantize.py --check                      # prints the versions, or fails naming what is missing
    python quantize.py --model M --output DIR --method awq [--scheme S] [--w-bits 4] [--group-size 128]
                       [--symmetric | --asymmetric] [--ignore lm_head ...] [--calibration-dataset wikitext2]
                       [--calibration-split train] [--samples 128] [--seq-len 2048] [--seed 42]

Writes the compressed checkpoint (safetensors, config.json with its quantization_config, the
tokenizer) into DIR and DIR/quantize_meta.json (versions, time, peak GPU memory, the parameters).
The collector writes into a temporary folder and renames it when this exits 0, so a crash never
leaves a checkpoint that looks complete.
"""

import argparse
import json
import os
import random
import sys
import time

DEFAULT_SCHEME = {"awq": "W4A16_ASYM", "gptq": "W4A16", "fp8": "FP8_DYNAMIC", "w8a8": "W8A8"}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="print the versions of torch, transformers and llmcompressor and exit")
    p.add_argument("--model")
    p.add_argument("--output")
    p.add_argument("--method", choices=sorted(DEFAULT_SCHEME))
    p.add_argument("--scheme")
    p.add_argument("--w-bits", type=int, choices=[4, 8])
    p.add_argument("--group-size", type=int)
    sym = p.add_mutually_exclusive_group()
    sym.add_argument("--symmetric", dest="symmetric", action="store_true", default=None)
    sym.add_argument("--asymmetric", dest="symmetric", action="store_false")
    p.add_argument("--ignore", nargs="*", default=["lm_head"])
    p.add_argument("--calibration-dataset", default="wikitext2")
    p.add_argument("--calibration-split", default="train")
    p.add_argument("--samples", type=int, default=128)
    p.add_argument("--seq-len", type=int, default=2048)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args(argv)
    if not args.check and not (args.model and args.output and args.method):
        p.error("--model, --output and --method are required (or --check)")
    return args


def versions():
    """The packages the quantization needs; a missing one is named with how to install it."""
    out = {"python": sys.version.split()[0]}
    missing = []
    for module, pip_name in (("torch", "torch"), ("transformers", "transformers"), ("datasets", "datasets"), ("llmcompressor", "llmcompressor")):
        try:
            mod = __import__(module)
            out[module] = getattr(mod, "__version__", "unknown")
        except Exception as err:  # ImportError, or a broken install failing inside its import
            missing.append(f"{pip_name} ({type(err).__name__}: {err})")
    return out, missing


def calibration_texts(name, split):
    from datasets import load_dataset

    if name in ("wikitext2", "wikitext"):
        rows = load_dataset("wikitext", "wikitext-2-raw-v1", split=split)
        return ["\n\n".join(rows["text"])]
    rows = load_dataset(name, split=split)
    field = "text" if "text" in rows.column_names else rows.column_names[0]
    return [t for t in rows[field] if isinstance(t, str) and t.strip()]


def calibration_set(tokenizer, texts, samples, seq_len, seed):
    """`samples` windows of `seq_len` tokens at seeded random offsets of the tokenized text (the AWQ / GPTQ papers' way)."""
    from datasets import Dataset

    ids = []
    for t in texts:
        ids.extend(tokenizer(t, add_special_tokens=False)["input_ids"])
        if len(ids) > 4 * samples * seq_len:
            break
    if len(ids) <= seq_len:
        raise SystemExit(f"the calibration text has {len(ids)} tokens; at least seq_len + 1 = {seq_len + 1} are needed")
    rng = random.Random(seed)
    starts = [rng.randrange(0, len(ids) - seq_len) for _ in range(samples)]
    windows = [ids[s : s + seq_len] for s in starts]
    return Dataset.from_dict({"input_ids": windows, "attention_mask": [[1] * seq_len for _ in windows]})


def recipe_for(args):
    from llmcompressor.modifiers.quantization import GPTQModifier, QuantizationModifier

    scheme = args.scheme or DEFAULT_SCHEME[args.method]
    custom = args.group_size is not None or args.w_bits is not None or args.symmetric is not None
    if args.method in ("awq", "gptq") and custom:
        # Explicit weight parameters: one config group instead of the preset scheme.
        weights = {"num_bits": args.w_bits or 4, "type": "int", "symmetric": args.symmetric if args.symmetric is not None else args.method == "gptq", "strategy": "group", "group_size": args.group_size or 128}
        target = {"config_groups": {"group_0": {"targets": ["Linear"], "weights": weights}}, "ignore": args.ignore}
    else:
        target = {"targets": ["Linear"], "scheme": scheme, "ignore": args.ignore}
    if args.method == "awq":
        from llmcompressor.modifiers.awq import AWQModifier

        return [AWQModifier(**target)], scheme
    if args.method == "gptq":
        return [GPTQModifier(**target)], scheme
    if args.method == "fp8":
        return [QuantizationModifier(**target)], scheme
    from llmcompressor.modifiers.smoothquant import SmoothQuantModifier

    return [SmoothQuantModifier(smoothing_strength=0.8), GPTQModifier(**target)], scheme


def main(argv):
    args = parse_args(argv)
    found, missing = versions()
    if args.check:
        print(json.dumps({**found, "missing": missing}))
        return 1 if missing else 0
    if missing:
        print(f"cannot quantize: missing {', '.join(missing)}; pip install llmcompressor in this environment", file=sys.stderr)
        return 1

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from llmcompressor import oneshot

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    started = time.time()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForCausalLM.from_pretrained(args.model, torch_dtype="auto")
    recipe, scheme = recipe_for(args)
    kwargs = {}
    if args.method != "fp8":  # FP8 with dynamic activations needs no calibration data
        kwargs = {"dataset": calibration_set(tokenizer, calibration_texts(args.calibration_dataset, args.calibration_split), args.samples, args.seq_len, args.seed), "max_seq_length": args.seq_len, "num_calibration_samples": args.samples}
    oneshot(model=model, recipe=recipe, **kwargs)
    os.makedirs(args.output, exist_ok=True)
    model.save_pretrained(args.output, save_compressed=True)
    tokenizer.save_pretrained(args.output)
    meta = {
        "method": args.method,
        "scheme": scheme,
        "w_bits": args.w_bits,
        "group_size": args.group_size,
        "symmetric": args.symmetric,
        "ignore": args.ignore,
        "calibration": None if args.method == "fp8" else {"dataset": args.calibration_dataset, "split": args.calibration_split, "samples": args.samples, "seq_len": args.seq_len},
        "seed": args.seed,
        "source_model": args.model,
        "versions": found,
        "time_s": round(time.time() - started, 1),
        "vram_peak_mb": round(torch.cuda.max_memory_allocated() / 2**20, 1) if torch.cuda.is_available() else None,
    }
    with open(os.path.join(args.output, "quantize_meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    print(f"quantized {args.model} with {args.method} ({scheme}) into {args.output} in {meta['time_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
