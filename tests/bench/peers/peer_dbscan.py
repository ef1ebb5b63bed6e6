#!/usr/bin/env python3
"""Peer of `fabkit-cli cluster --method dbscan --eps E --min-pts M`: pandas reads x, y; scikit-learn DBSCAN;
the label of every row is written out.   peer_dbscan.py IN.csv EPS MIN_PTS OUT.csv"""
import sys

import pandas as pd
from sklearn.cluster import DBSCAN

frame = pd.read_csv(sys.argv[1])
model = DBSCAN(eps=float(sys.argv[2]), min_samples=int(sys.argv[3])).fit(frame[["x", "y"]].to_numpy())
pd.DataFrame({"label": model.labels_}).to_csv(sys.argv[4], index=False)
print(f"clusters {model.labels_.max() + 1}", file=sys.stderr)
