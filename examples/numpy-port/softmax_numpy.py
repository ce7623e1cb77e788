"""An example NumPy port for `softmax-verify check --exec`: Three-Pass softmax computed in
float64 and rounded once to float32, so its outputs are faithfully rounded (declare
--bound 1); a NaN or +inf anywhere, or an all -inf row, gives an all-NaN row (--policy nan).

    python3 src/external/drivers/softmax_driver.py examples/numpy-port/softmax_numpy.py:softmax
    npx softmax-verify check --exec 'python3 src/external/drivers/softmax_driver.py examples/numpy-port/softmax_numpy.py' \
        --algorithm three-pass-recompute --bound 1 --policy nan
"""

import numpy as np


def softmax(x):
    d = x.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(d - d.max())  # max is NaN if any x is NaN; inf - inf and -inf - -inf are NaN
        return (e / e.sum()).astype(np.float32)


def softmax_no_max(x):
    """Deliberately wrong: float32 exp without subtracting the maximum overflows for x > 88.7."""
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x)
        return (e / e.sum()).astype(np.float32)
