# corpusforge: megatron.core reduced to what its datasets package imports (see ../../SOURCE.md). Written here.
