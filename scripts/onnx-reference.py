#!/usr/bin/env python3
"""The reference for the ONNX classifier stage: Hugging Face's tokenizers and Python's ONNX Runtime.

  onnx-reference.py MODEL.onnx TOKENIZER.json MAX_TOKENS [--pool mean|cls] [--normalize] [--prefix P]
      < texts.jsonl > logits.jsonl

Reads JSON lines {"text": ...}; writes, per text, a JSON list of the model's first output for that text, run alone
(batch of one, no padding): the tokenizer's special tokens added, truncated to MAX_TOKENS tokens. The model's
inputs are fed by name: input_ids, attention_mask and token_type_ids, as many of them as it declares.

For a sentence encoder (the passage index's embeddings): --prefix is put before each text, --pool reduces the token
states [1, sequence, hidden] to one vector (the mean over the tokens, as sentence-transformers' mean pooling, or the
first token's), and --normalize scales it to unit length (numpy, float64).
"""
import argparse
import json
import sys

import numpy as np
import onnxruntime
from tokenizers import Tokenizer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("tokenizer")
    parser.add_argument("max_tokens", type=int)
    parser.add_argument("--pool", choices=["mean", "cls"])
    parser.add_argument("--normalize", action="store_true")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()
    model, tokenizer_file, max_tokens = args.model, args.tokenizer, args.max_tokens
    tokenizer = Tokenizer.from_file(tokenizer_file)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    names = [i.name for i in session.get_inputs()]
    out = sys.stdout
    for line in sys.stdin:
        encoding = tokenizer.encode(args.prefix + json.loads(line)["text"])
        given = {"input_ids": encoding.ids, "attention_mask": encoding.attention_mask,
                 "token_type_ids": encoding.type_ids}
        feed = {name: np.array([given[name]], dtype=np.int64) for name in names}
        logits = session.run(None, feed)[0][0]
        if args.pool == "mean" and logits.ndim == 2:
            logits = logits.astype(np.float64).mean(axis=0)
        elif args.pool == "cls" and logits.ndim == 2:
            logits = logits[0].astype(np.float64)
        if args.normalize:
            logits = logits / max(np.linalg.norm(logits.astype(np.float64)), 1e-12)
        out.write(json.dumps([float(x) for x in np.atleast_1d(logits)]) + "\n")


if __name__ == "__main__":
    main()
