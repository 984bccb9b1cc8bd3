#!/bin/sh
# The NumPy and PyTorch rows of chapter 17's benchmark: the epoch of
# tools/bench-python.py on 1 and 2 threads, a line each, "absent" for a
# library that is not installed (Debian's python3-numpy, python3-torch).
# Debian's own Python, which those packages serve, if there is one.
# usage: tools/bench-python.sh DATA-DIRECTORY [REPEATS]
set -eu
dir=$1 repeats=${2:-3}
python=/usr/bin/python3
[ -x "$python" ] || python=python3
here=$(dirname "$0")
for lib in numpy torch; do
    for threads in 1 2; do
        OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads \
            "$python" "$here/bench-python.py" "$lib" "$threads" "$dir" "$repeats" \
            2>/dev/null || echo "$lib $threads absent"
    done
done
