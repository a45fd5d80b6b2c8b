# corpusforge: the one function megatron.core.datasets takes from megatron/core/utils.py (which imports most of
# megatron-core), with its behaviour on a single process: log on rank 0, and there is only rank 0. Written here.
import logging


def log_single_rank(logger: logging.Logger, *args, rank=0, **kwargs):
    if rank == 0:
        logger.log(*args, **kwargs)
