# corpusforge: the tokenizer base class GPTDatasetConfig names in a type annotation; the reference gives its own
# object with vocab_size, eod and pad. Written here.


class MegatronTokenizerBase:
    pass
