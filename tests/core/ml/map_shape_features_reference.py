#!/usr/bin/python3
"""Independent computation of the 66 shape features of core/ml/map_shape_features.h,
written from the header's description with numpy and scipy (not from the C++).
It produced the expected values of RealMapsAgreeWithAnIndependentComputation in
map_shape_features_test.cpp; the tests do not run it.

usage: map_shape_features_reference.py TRAIN_JSONL LINE [LINE ...]
"""
import json
import sys

import numpy as np
from scipy import ndimage


def read_map(path, line):
    with open(path) as f:
        for i, text in enumerate(f, 1):
            if i == line:
                rec = json.loads(text)
                return rec["label"], np.array([[int(ch) for ch in row] for row in rec["map"]])
    raise SystemExit(f"{path} has no line {line}")


def in_closed_sector(theta, lo, hi):
    """theta in degrees [0, 360); the sector [lo, hi] is closed, 360 meaning 0."""
    return (lo <= theta <= hi) or (hi == 360.0 and theta == 0.0)


def densities(on, dies_r, dies_theta):
    """The 23 densities of the boolean per-die array `on`."""
    n_dies = np.zeros(23)
    n_on = np.zeros(23)
    for k in range(len(on)):
        r, t = dies_r[k], dies_theta[k]
        regions = []
        if r < 1 / 3:
            regions.append(0)
        elif r < 2 / 3:
            regions += [1 + q for q in range(4) if in_closed_sector(t, 90.0 * q, 90.0 * (q + 1))]
        else:
            regions += [5 + o for o in range(8) if in_closed_sector(t, 45.0 * o, 45.0 * (o + 1))]
        regions.append(13 + min(int(np.floor(r * 10)), 9))
        for g in regions:
            n_dies[g] += 1
            n_on[g] += on[k]
    d = np.where(n_dies > 0, n_on / np.maximum(n_dies, 1), 0.0)
    d[1:5] = np.sort(d[1:5])
    d[5:13] = np.sort(d[5:13])
    return list(d)


def features(grid):
    rows, cols = np.nonzero(grid)  # row-major: the reader's die order
    x = cols.astype(float)  # column
    y = rows.astype(float)  # row
    fail = grid[rows, cols] == 2
    n = len(x)
    cx, cy = x.mean(), y.mean()
    dx, dy = x - cx, y - cy
    dist = np.hypot(dx, dy)
    R = max(1.0, dist.max())
    r = dist / R
    theta = np.degrees(np.arctan2(dy, dx)) % 360.0
    at_centre = dist == 0

    fail_grid = (grid == 2).astype(int)
    kernel = np.ones((3, 3), int)
    kernel[1, 1] = 0
    neighbours = ndimage.convolve(fail_grid, kernel, mode="constant", cval=0)
    clustered_grid = (fail_grid == 1) & (neighbours >= 2)
    clustered = clustered_grid[rows, cols]

    f = [fail.sum() / n, clustered.sum() / n]
    f += densities(fail, r, theta)
    f += densities(clustered, r, theta)

    if clustered.any():
        cR = int(np.ceil(R))
        Ms, Ss = [], []
        for deg in range(0, 180, 10):
            a = np.radians(deg)
            p = dx[clustered] * np.cos(a) + dy[clustered] * np.sin(a)
            # Halves away from zero. cos 60°, cos 90°, … are not exact in floating point, so a projection that is
            # a half in exact arithmetic (c on a whole or half die position) may come out a hair below it: a
            # projection within 1e-9 of a half counts as the half.
            b = (np.sign(p) * np.floor(np.abs(p) + 0.5 + 1e-9)).astype(int)
            counts = np.bincount(b + cR, minlength=2 * cR + 1)
            assert len(counts) == 2 * cR + 1
            Ms.append(counts.max())
            Ss.append(counts.std())
        f += [max(Ms) / R, min(Ms) / R, (max(Ms) - min(Ms)) / R, max(Ss) / R, min(Ss) / R]
    else:
        f += [0.0] * 5

    labels, count = ndimage.label(clustered_grid, structure=np.ones((3, 3), int))
    f.append(np.log(1 + count))
    if count == 0:
        return f + [0.0] * 12
    sizes = np.bincount(labels.ravel())[1:]
    best = 1 + int(np.argmax(sizes))  # labels follow the raster (die) order
    comp = labels == best
    in_comp = comp[rows, cols]
    m = in_comp.sum()
    f.append(m / n)
    f.append(m / clustered.sum())
    f.append(np.hypot(x[in_comp].mean() - cx, y[in_comp].mean() - cy) / R)
    if m > 1:
        lam = np.linalg.eigvalsh(np.cov(np.vstack([x[in_comp], y[in_comp]]), ddof=1))
        l2, l1 = max(lam[0], 0.0), lam[1]
    else:
        l1 = l2 = 0.0
    f += [np.sqrt(l1) / R, np.sqrt(l2) / R, np.sqrt(l2 / l1) if l1 > 0 else 1.0]
    padded = np.pad(comp, 1)
    inner = padded[1:-1, 1:-1]
    all_in = padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    boundary = (inner & ~all_in).sum()
    f.append(boundary / np.sqrt(m))
    rr, cc = np.nonzero(comp)
    crop = comp[rr.min():rr.max() + 1, cc.min():cc.max() + 1]
    holes = ndimage.binary_fill_holes(crop).sum() - crop.sum()
    f.append(m / (m + holes))
    f += [r[in_comp].min(), r[in_comp].max(), r[in_comp].mean()]
    held = set()
    for k in np.nonzero(in_comp)[0]:
        for j in range(16):
            if not at_centre[k] and in_closed_sector(theta[k], 22.5 * j, 22.5 * (j + 1)):
                held.add(j)
    f.append(len(held) / 16)
    return f


if __name__ == "__main__":
    path = sys.argv[1]
    for line in map(int, sys.argv[2:]):
        label, grid = read_map(path, line)
        values = features(grid)
        assert len(values) == 66
        print(f"// line {line} ({label})")
        print("{" + ", ".join(f"{float(v):.9g}" for v in values) + "}")
