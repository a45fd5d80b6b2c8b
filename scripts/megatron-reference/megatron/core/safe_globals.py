# corpusforge: megatron/core/safe_globals.py's safe_numpy_load guards pickle.load while numpy.load reads a cached
# index; the reference never reads a cache it did not write in the same process (a fresh path_to_cache), and the
# indices are plain arrays, so numpy.load itself. Written here.
import numpy


def safe_numpy_load(path, **kwargs):
    return numpy.load(path, **kwargs)
