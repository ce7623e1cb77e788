#!/usr/bin/env python3
"""softmax-verify's process-ABI driver for Python kernels (docs/process-abi.md, version 1).

Standard library only; NumPy is used when it is installed (the kernel then gets and returns
numpy.float32 arrays), else the kernel gets an array.array('f'). Two ways to use it:

    python3 softmax_driver.py my_port.py:softmax      # serve the function softmax of my_port.py
    python3 softmax_driver.py my_port.py              # the same (the default name is softmax)

or, from the port itself (softmax_driver.py on PYTHONPATH or next to it):

    from softmax_driver import serve
    serve(softmax)

The kernel is `softmax(x) -> y` (y: anything numpy.asarray or array('f') takes, of len(x)),
or `softmax(x, y) -> None` writing y in place. It is called once per row, never with an
empty row (the output of an empty row is empty). x must not be changed.

What the driver does for the kernel: the protocol keeps the streams the driver was started
with and the kernel's stdout (print, and a C library's fd 1) goes to stderr, so printing
cannot corrupt the protocol; an exception is reported with its traceback (status 9), a
wrong output length or a change to x is reported too.
"""

import importlib.util
import inspect
import os
import struct
import sys
import time
import traceback
from array import array

try:
    import numpy as _np
except ImportError:  # NumPy is optional
    _np = None

VERSION = 1
OP_EACH_ROW, OP_ROWS, OP_TIME = 1, 2, 3
FLAG_TIME = 2
OK, X_MODIFIED, KERNEL_ERROR, BAD_REQUEST = 0, 3, 9, 10
Y_CANARY = 0xFF5A5A5A
TEXT_LIMIT = 65536
MAX_ELEMENTS = 1 << 28


def _channel():
    """The protocol streams as started; fd 0 becomes /dev/null and fd 1 the stderr for the kernel."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout.flush()
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return proto_in, proto_out


def _read(stream, n):
    parts, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            return None
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _respond(out, status, a=0, b=0, text=""):
    t = text.encode("utf-8", "replace")[-TEXT_LIMIT:]
    out.write(struct.pack("<iiiI", status, a, b, len(t)) + t)


def _takes_output(fn):
    try:
        params = [p for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) >= 2


def _row_input(raw):
    if _np is not None:
        x = _np.frombuffer(raw, dtype="<f4").copy()
        x.flags.writeable = True
        return x
    x = array("f")
    x.frombytes(raw)
    return x


def _row_output(fn, in_place, x, n):
    """The kernel's output for x as n little-endian float32 bytes, or raises ValueError."""
    if in_place:
        y = _np.full(n, _np.nan, dtype=_np.float32) if _np is not None else array("f", [float("nan")] * n)
        fn(x, y)
    else:
        y = fn(x)
    if _np is not None:
        y = _np.asarray(y, dtype=_np.float32).reshape(-1)
        if y.shape[0] != n:
            raise ValueError(f"the kernel returned {y.shape[0]} values for a row of {n}")
        return y.astype("<f4", copy=False).tobytes()
    y = array("f", y)
    if len(y) != n:
        raise ValueError(f"the kernel returned {len(y)} values for a row of {n}")
    return y.tobytes()


def _time(out, fn, in_place, x, reps, calls):
    """The TIME op: reps samples (after one warm-up) of `calls` calls each; ns per call, float64."""
    n = len(x)
    samples = []
    for _ in range(reps + 1):
        t0 = time.perf_counter_ns()
        for _ in range(calls):
            _row_output(fn, in_place, x, n)
        samples.append((time.perf_counter_ns() - t0) / calls)
    _respond(out, OK)
    out.write(struct.pack(f"<{reps}d", *samples[1:]))


def serve(fn, flags=0):
    """Speaks the process ABI on the streams this process was started with, until they close."""
    proto_in, out = _channel()
    out.write(b"SMXP" + struct.pack("<III", VERSION, flags | FLAG_TIME, 0))
    in_place = _takes_output(fn)
    canary = struct.pack("<I", Y_CANARY)
    while True:
        head = _read(proto_in, 20)
        if head is None:
            return 0
        op, rows, cols, xs, ys = struct.unpack("<5I", head)
        if op == OP_TIME:  # rows: samples, cols: n, xs: calls per sample, ys: pool (unused here)
            raw = _read(proto_in, 4 * cols)
            if raw is None:
                return 0
            try:
                _time(out, fn, in_place, _row_input(raw), max(rows, 1), max(xs, 1))
            except Exception:
                _respond(out, KERNEL_ERROR, text=traceback.format_exc(limit=8))
            continue
        xlen = (rows - 1) * xs + cols if rows else 0
        ylen = (rows - 1) * ys + cols if rows else 0
        why = None
        if op not in (OP_EACH_ROW, OP_ROWS):
            why = f"unknown op {op} (version 1 has 1, 2 and 3)"
        elif rows > 1 and (xs < cols or ys < cols):
            why = f"strides {xs}, {ys} shorter than the {cols} columns"
        elif xlen > MAX_ELEMENTS or ylen > MAX_ELEMENTS:
            why = f"{xlen}/{ylen} elements: more than this driver takes"
        if why:
            _respond(out, BAD_REQUEST, text=why)
            return 3
        xbytes = _read(proto_in, 4 * xlen)
        if xbytes is None:
            return 0
        y = bytearray(canary * ylen)
        failed = None
        for r in range(rows):
            start = 4 * r * xs
            raw = xbytes[start : start + 4 * cols]
            if cols == 0:
                continue
            x = _row_input(raw)
            try:
                y_row = _row_output(fn, in_place, x, cols)
            except Exception:  # the kernel's own failure: reported, and the driver goes on
                failed = (KERNEL_ERROR, 0, 0, traceback.format_exc(limit=8))
                break
            xb = x.tobytes() if _np is None else _np.asarray(x, dtype="<f4").tobytes()
            if xb != raw:
                i = next(k for k in range(cols) if xb[4 * k : 4 * k + 4] != raw[4 * k : 4 * k + 4])
                failed = (X_MODIFIED, r * xs + i, 0, "")
                break
            y[4 * r * ys : 4 * r * ys + 4 * cols] = y_row
        sys.stderr.flush()
        if failed:
            _respond(out, *failed)
            continue
        _respond(out, OK)
        out.write(bytes(y))


def _load(spec):
    path, _, name = spec.partition(":")
    name = name or "softmax"
    module_spec = importlib.util.spec_from_file_location("softmax_port", path)
    if module_spec is None or module_spec.loader is None:
        sys.exit(f"softmax_driver.py: cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(module_spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    module_spec.loader.exec_module(module)
    fn = getattr(module, name, None)
    if not callable(fn):
        sys.exit(f"softmax_driver.py: {path} has no function {name}")
    return fn


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 softmax_driver.py PORT.py[:FUNCTION]   (serves FUNCTION, default softmax, over the process ABI)")
    # Importing the port may print (a banner, a warning): the channel moves first, inside serve,
    # so load after it would be cleaner, but a load error must still reach the user: it does, on stderr.
    sys.exit(serve(_load(sys.argv[1])))
