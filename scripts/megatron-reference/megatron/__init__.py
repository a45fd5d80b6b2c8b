# corpusforge: the package root of the vendored megatron-core datasets code (see ../SOURCE.md). Written here, not
# Megatron-LM's own (which imports the whole of megatron-core).
