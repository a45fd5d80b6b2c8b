#!/usr/bin/env python3
"""Makes a BERT-shaped sequence classifier in ONNX with random weights, and the Hugging Face tokenizer.json it reads,
for tests and benchmarks of the ONNX classifier stage (no trained model from elsewhere is needed or shipped):

  make-onnx-classifier.py --texts FILE... --out-model M.onnx --out-tokenizer T.json
      [--vocab 4000] [--layers 1] [--hidden 32] [--heads 2] [--ffn 64] [--labels 2] [--seed 1] [--init-scale 0.02]

The tokenizer is a Unigram model trained by the `tokenizers` library on the given text files (one document per line,
or JSON lines whose "text" field is taken), with NFKC, Metaspace pre-tokenisation, [CLS] ... [SEP] added around
every text and [PAD] = 0. The model is a BERT encoder written with onnx.helper, opset 17: word, position and
token-type embeddings, LayerNorm, `layers` blocks of masked multi-head self-attention and a GELU feed-forward
network (each with a residual and LayerNorm), the [CLS] vector through a tanh pooler, then a linear layer to
`labels` logits. Inputs input_ids, attention_mask and token_type_ids (int64, [batch, sequence]); output logits
(float, [batch, labels]). Weights are drawn from a normal distribution with numpy's generator seeded with `seed`
(standard deviation init-scale, 0.02 like BERT's initialiser; 0.3 for the pooler and 1.0 for the last layer,
so the logits spread).

BERT-base's shape for benchmarks: --vocab 32000 --layers 12 --hidden 768 --heads 12 --ffn 3072.

--encoder makes a sentence-embedding encoder instead, as e5- and ruri-style models are exported: no pooler and no
head, the output last_hidden_state (float, [batch, sequence, hidden]) to be pooled by the reader. --tokenizer T.json
reuses a tokenizer.json instead of training one (--texts and --out-tokenizer are then not needed).
"""
import argparse
import gzip
import json

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def texts(paths):
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                if line.startswith("{"):
                    line = json.loads(line).get("text", "")
                for part in line.split("\n"):
                    if part.strip():
                        yield part


def train_tokenizer(paths, vocab_size, out):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    tokenizer = Tokenizer(models.Unigram())
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"],
                                      unk_token="[UNK]", max_piece_length=8, shrinking_factor=0.75)
    tokenizer.train_from_iterator(texts(paths), trainer=trainer)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))])
    tokenizer.save(out)
    return tokenizer.get_vocab_size()


def model(vocab, layers, hidden, heads, ffn, labels, seed, init_scale, max_positions=512, encoder=False):
    rng = np.random.default_rng(seed)
    inits = []

    def weight(name, shape, scale=init_scale):
        inits.append(numpy_helper.from_array(rng.normal(0.0, scale, shape).astype(np.float32), name))
        return name

    def const(name, value, dtype=np.float32):
        inits.append(numpy_helper.from_array(np.array(value, dtype=dtype), name))
        return name

    nodes = []

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    def layer_norm(x, prefix):
        gamma = const(prefix + ".gamma", np.ones(hidden) + rng.normal(0.0, init_scale, hidden))
        beta = const(prefix + ".beta", rng.normal(0.0, init_scale, hidden))
        return node("LayerNormalization", [x, gamma, beta], prefix + ".out", axis=-1, epsilon=1e-12)

    def dense(x, prefix, n_in, n_out, scale=init_scale):
        w = weight(prefix + ".weight", (n_in, n_out), scale)
        b = weight(prefix + ".bias", (n_out,), scale)
        return node("Add", [node("MatMul", [x, w], prefix + ".mm"), b], prefix + ".out")

    head_size = hidden // heads
    # embeddings
    shape = node("Shape", ["input_ids"], "ids.shape")
    length = node("Gather", [shape, const("one", 1, np.int64)], "ids.length", axis=0)
    positions = node("Range", [const("zero", 0, np.int64), length, const("step", 1, np.int64)], "positions")
    words = node("Gather", [weight("emb.word", (vocab, hidden)), "input_ids"], "emb.words")
    places = node("Gather", [weight("emb.position", (max_positions, hidden)), positions], "emb.positions")
    types = node("Gather", [weight("emb.type", (2, hidden)), "token_type_ids"], "emb.types")
    x = layer_norm(node("Add", [node("Add", [words, places], "emb.sum1"), types], "emb.sum"), "emb.ln")
    # the attention mask as an additive bias [batch, 1, 1, sequence]: 0 where attended, -10000 where padded
    mask = node("Cast", ["attention_mask"], "mask.float", to=TensorProto.FLOAT)
    mask = node("Unsqueeze", [mask, const("mask.axes", [1, 2], np.int64)], "mask.4d")
    bias = node("Mul", [node("Sub", [const("one.f", 1.0), mask], "mask.inv"), const("minus", -10000.0)], "mask.bias")
    split = const("heads.shape", [0, 0, heads, head_size], np.int64)
    merge = const("hidden.shape", [0, 0, hidden], np.int64)
    for i in range(layers):
        p = "layer%d" % i

        def heads_of(t, name):
            return node("Transpose", [node("Reshape", [t, split], name + ".split")], name + ".heads",
                        perm=[0, 2, 1, 3])

        q = heads_of(dense(x, p + ".q", hidden, hidden), p + ".q")
        k = heads_of(dense(x, p + ".k", hidden, hidden), p + ".k")
        v = heads_of(dense(x, p + ".v", hidden, hidden), p + ".v")
        kt = node("Transpose", [k], p + ".kt", perm=[0, 1, 3, 2])
        scores = node("Div", [node("MatMul", [q, kt], p + ".qk"), const(p + ".scale", np.sqrt(head_size))],
                      p + ".scores")
        probs = node("Softmax", [node("Add", [scores, bias], p + ".masked")], p + ".probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, v], p + ".ctx")], p + ".ctx.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, merge], p + ".ctx.merged")
        attended = dense(context, p + ".o", hidden, hidden)
        x = layer_norm(node("Add", [x, attended], p + ".res1"), p + ".ln1")
        h = dense(x, p + ".ffn.in", hidden, ffn)
        # GELU as BERT has it: 0.5 x (1 + erf(x / sqrt 2))
        erf = node("Erf", [node("Div", [h, const(p + ".sqrt2", np.sqrt(2.0))], p + ".scaled")], p + ".erf")
        gelu = node("Mul", [node("Mul", [h, node("Add", [erf, const(p + ".one", 1.0)], p + ".erf1")], p + ".hx"),
                            const(p + ".half", 0.5)], p + ".gelu")
        x = layer_norm(node("Add", [x, dense(gelu, p + ".ffn.out", ffn, hidden)], p + ".res2"), p + ".ln2")
    inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
              for name in ("input_ids", "attention_mask", "token_type_ids")]
    if encoder:
        nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
        graph = helper.make_graph(nodes, "bert-shaped-encoder", inputs, [helper.make_tensor_value_info(
            "last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", hidden])], inits)
    else:
        cls = node("Gather", [x, const("first", 0, np.int64)], "cls", axis=1)
        pooled = node("Tanh", [dense(cls, "pooler", hidden, hidden, scale=0.3)], "pooled")
        logits = dense(pooled, "classifier", hidden, labels, scale=1.0)
        nodes.append(helper.make_node("Identity", [logits], ["logits"]))
        graph = helper.make_graph(nodes, "bert-shaped-classifier", inputs,
                                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", labels])],
                                  inits)
    made = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="corpusforge")
    made.ir_version = 8
    onnx.checker.check_model(made)
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", nargs="+")
    parser.add_argument("--out-model", required=True)
    parser.add_argument("--out-tokenizer")
    parser.add_argument("--tokenizer")
    parser.add_argument("--encoder", action="store_true")
    parser.add_argument("--vocab", type=int, default=4000)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--heads", type=int, default=2)
    parser.add_argument("--ffn", type=int, default=64)
    parser.add_argument("--labels", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--init-scale", type=float, default=0.02)
    args = parser.parse_args()
    if args.tokenizer:
        from tokenizers import Tokenizer
        vocab = Tokenizer.from_file(args.tokenizer).get_vocab_size()
    else:
        if not args.texts or not args.out_tokenizer:
            parser.error("--texts and --out-tokenizer are needed to train a tokenizer (or give --tokenizer)")
        vocab = train_tokenizer(args.texts, args.vocab, args.out_tokenizer)
    onnx.save(model(vocab, args.layers, args.hidden, args.heads, args.ffn, args.labels, args.seed,
                     args.init_scale, encoder=args.encoder), args.out_model)


if __name__ == "__main__":
    main()
