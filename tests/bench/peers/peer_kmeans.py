#!/usr/bin/env python3
"""Peer of `fabkit-cli cluster --method kmeans --clusters 8`: pandas reads x, y; scikit-learn KMeans (one start);
the label of every row is written out.   peer_kmeans.py IN.csv K OUT.csv"""
import sys

import pandas as pd
from sklearn.cluster import KMeans

frame = pd.read_csv(sys.argv[1])
model = KMeans(n_clusters=int(sys.argv[2]), n_init=1, random_state=1).fit(frame[["x", "y"]].to_numpy())
pd.DataFrame({"label": model.labels_}).to_csv(sys.argv[3], index=False)
print(f"inertia {model.inertia_:.1f}", file=sys.stderr)
