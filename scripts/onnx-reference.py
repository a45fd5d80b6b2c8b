#!/usr/bin/env python3
"""The reference for the ONNX classifier stage: Hugging Face's tokenizers and Python's ONNX Runtime.

  onnx-reference.py MODEL.onnx TOKENIZER.json MAX_TOKENS < texts.jsonl > logits.jsonl

Reads JSON lines {"text": ...}; writes, per text, a JSON list of the model's first output for that text, run alone
(batch of one, no padding): the tokenizer's special tokens added, truncated to MAX_TOKENS tokens. The model's
inputs are fed by name: input_ids, attention_mask and token_type_ids, as many of them as it declares.
"""
import json
import sys

import numpy as np
import onnxruntime
from tokenizers import Tokenizer


def main():
    model, tokenizer_file, max_tokens = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tokenizer = Tokenizer.from_file(tokenizer_file)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    names = [i.name for i in session.get_inputs()]
    out = sys.stdout
    for line in sys.stdin:
        encoding = tokenizer.encode(json.loads(line)["text"])
        given = {"input_ids": encoding.ids, "attention_mask": encoding.attention_mask,
                 "token_type_ids": encoding.type_ids}
        feed = {name: np.array([given[name]], dtype=np.int64) for name in names}
        logits = session.run(None, feed)[0][0]
        out.write(json.dumps([float(x) for x in np.atleast_1d(logits)]) + "\n")


if __name__ == "__main__":
    main()
