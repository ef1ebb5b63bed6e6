#!/usr/bin/env python3
"""Writes the input files the peers benchmark runs on, with a fixed seed.

    make_inputs.py DIR IMPORT_ROWS KMEANS_POINTS DBSCAN_POINTS KALMAN_STEPS

Plain Python (no numpy) so that the files do not depend on a library version.
"""
import math
import os
import random
import sys


def long_measurements(path, rows):
    """A long measurements file: lot, wafer, site, parameter, value (25 sites, 10 parameters a wafer)."""
    rng = random.Random(1)
    params = [f"P{i:02d}" for i in range(10)]
    with open(path, "w") as f:
        f.write("lot,wafer,site,parameter,value\n")
        n = 0
        lot = 0
        while n < rows:
            lot += 1
            for wafer in range(1, 26):
                for p, name in enumerate(params):
                    for site in range(1, 26):
                        if n == rows:
                            return
                        f.write(f"L{lot:05d},{wafer},{site},{name},{10 * p + rng.gauss(0, 1):.4f}\n")
                        n += 1


def blobs(path, points, centres, spread, half_width, seed):
    """Defect positions (mm) around `centres` random centres, plus 5 % uniform background."""
    rng = random.Random(seed)
    cs = [(rng.uniform(-half_width, half_width), rng.uniform(-half_width, half_width)) for _ in range(centres)]
    with open(path, "w") as f:
        f.write("x,y\n")
        for i in range(points):
            if i % 20 == 0:
                x, y = rng.uniform(-half_width, half_width), rng.uniform(-half_width, half_width)
            else:
                cx, cy = cs[i % centres]
                x, y = rng.gauss(cx, spread), rng.gauss(cy, spread)
            f.write(f"{x:.4f},{y:.4f}\n")


def level_series(path, steps):
    """A local level: y_t = mu_t + eps_t, mu_{t+1} = mu_t + eta_t, var(eps) = 1, var(eta) = 0.01."""
    rng = random.Random(4)
    mu = 0.0
    with open(path, "w") as f:
        f.write("t,y\n")
        for t in range(1, steps + 1):
            f.write(f"{t},{mu + rng.gauss(0, 1):.6f}\n")
            mu += rng.gauss(0, 0.1)


def main():
    out, import_rows, kmeans_points, dbscan_points, kalman_steps = sys.argv[1], *map(int, sys.argv[2:6])
    os.makedirs(out, exist_ok=True)
    long_measurements(os.path.join(out, "import.csv"), import_rows)
    blobs(os.path.join(out, "kmeans.csv"), kmeans_points, 8, 6.0, 140.0, 2)
    blobs(os.path.join(out, "dbscan.csv"), dbscan_points, 30, 3.0, 140.0, 3)
    level_series(os.path.join(out, "kalman.csv"), kalman_steps)


if __name__ == "__main__":
    main()
