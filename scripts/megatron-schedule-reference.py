#!/usr/bin/env python3
"""Which training iterations read each document, as megatron-core itself builds a GPT run's data order.

  .venv-megatron/bin/python scripts/megatron-schedule-reference.py \
      --blend "0.7 OUT/megatron/part-00000 0.3 OUT/megatron/part-00001" --split 969,30,1 \
      --seq-length 4096 --global-batch-size 1024 --train-iters 1000 [--seed 1234] > reference.tsv

Runs the vendored megatron-core 0.20 datasets code (scripts/megatron-reference, see its SOURCE.md) as Megatron-LM's
pretrain_gpt.py does: GPTDatasetConfig and BlendedMegatronDatasetBuilder(GPTDataset, [train, valid, test] samples)
with the sizes pretrain_gpt computes (train: train_iters x global batch size, or --train-samples; valid:
(train_iters // eval_interval + 1) x eval_iters x global batch size; test: eval_iters x global batch size). Then for
every training sample s below train_iters x global batch size (Megatron's pretraining sampler reads them in order,
global batch after global batch, so s is read at iteration s // global_batch_size + 1) it asks the training dataset
for the sample's document ids (BlendedDataset's dataset_index and dataset_sample_index, then GPTDataset's
_query_document_sample_shuffle_indices). Prints one line per document read: the prefix's index in the blend, the
document's index in the prefix's .idx, and the iterations reading it, ascending, comma-separated.

helpers.cpp is compiled with pybind11 into a temporary copy of the tree, as its Makefile does; the indices are
cached in that temporary directory and removed with it.
"""
import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


class Tokenizer:
    """What GPTDatasetConfig asks of a tokenizer to build indices: its size, special ids and identity."""
    unique_identifiers = {"class": "Tokenizer"}
    vocab_size = None
    eod = 0
    pad = -1


def build_tree(tmp):
    tree = os.path.join(tmp, "megatron-core")
    shutil.copytree(os.path.join(HERE, "megatron-reference"), tree)
    datasets = os.path.join(tree, "megatron", "core", "datasets")
    import pybind11
    target = os.path.join(datasets, "helpers_cpp" + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run(["c++", "-O3", "-Wall", "-shared", "-std=c++17", "-fPIC", "-I" + pybind11.get_include(),
                    "-I" + sysconfig.get_paths()["include"], os.path.join(datasets, "helpers.cpp"), "-o", target],
                   check=True)
    return tree


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--blend", required=True, help="'PREFIX' or 'W1 PREFIX1 W2 PREFIX2 ...' as --data-path")
    parser.add_argument("--split", default="969,30,1")
    parser.add_argument("--seq-length", type=int, required=True)
    parser.add_argument("--global-batch-size", type=int, required=True)
    parser.add_argument("--train-iters", type=int, required=True)
    parser.add_argument("--train-samples", type=int)
    parser.add_argument("--eval-iters", type=int, default=100)
    parser.add_argument("--eval-interval", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()

    words = args.blend.split()
    if len(words) == 1:
        prefixes, weights = words, None
    else:
        prefixes, weights = words[1::2], [float(w) for w in words[0::2]]

    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, build_tree(tmp))
        from megatron.core.datasets.blended_dataset import BlendedDataset
        from megatron.core.datasets.blended_megatron_dataset_builder import BlendedMegatronDatasetBuilder
        from megatron.core.datasets.gpt_dataset import GPTDataset, GPTDatasetConfig

        config = GPTDatasetConfig(random_seed=args.seed, sequence_length=args.seq_length, blend=(prefixes, weights),
                                  split=args.split, path_to_cache=os.path.join(tmp, "cache"), tokenizer=Tokenizer(),
                                  reset_position_ids=False, reset_attention_mask=False, eod_mask_loss=False)
        train_samples = args.train_samples or args.train_iters * args.global_batch_size
        sizes = [train_samples,
                 (args.train_iters // args.eval_interval + 1) * args.eval_iters * args.global_batch_size,
                 args.eval_iters * args.global_batch_size]
        train = BlendedMegatronDatasetBuilder(GPTDataset, sizes, lambda: True, config).build()[0]

        read = {}
        for s in range(min(train_samples, args.train_iters * args.global_batch_size)):
            if isinstance(train, BlendedDataset):
                prefix, sample = int(train.dataset_index[s]), int(train.dataset_sample_index[s])
                dataset = train.datasets[prefix]
            else:
                prefix, sample, dataset = 0, s, train
            iteration = s // args.global_batch_size + 1
            for doc in dataset._query_document_sample_shuffle_indices(sample)[1]:
                read.setdefault((prefix, int(doc)), set()).add(iteration)
        out = sys.stdout
        for (prefix, doc) in sorted(read):
            out.write("%d\t%d\t%s\n" % (prefix, doc, ",".join(str(i) for i in sorted(read[(prefix, doc)]))))


if __name__ == "__main__":
    main()
