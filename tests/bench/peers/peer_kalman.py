#!/usr/bin/env python3
"""Peer of `fabkit-cli kalman --var-eps E --var-eta H`: pandas reads the column; statsmodels
UnobservedComponents (local level) runs the filter and smoother at the given variances; the filtered and
smoothed level with their standard deviations are written out.   peer_kalman.py IN.csv COL VAR_EPS VAR_ETA OUT.csv"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

y = pd.read_csv(sys.argv[1])[sys.argv[2]].to_numpy(dtype=float)
model = sm.tsa.UnobservedComponents(y, level="local level")
result = model.smooth([float(sys.argv[3]), float(sys.argv[4])])
pd.DataFrame({
    "value": y,
    "filtered": result.filtered_state[0],
    "filtered_sd": np.sqrt(result.filtered_state_cov[0, 0]),
    "smoothed": result.smoothed_state[0],
    "smoothed_sd": np.sqrt(result.smoothed_state_cov[0, 0]),
}).to_csv(sys.argv[5], index=False)
print(f"loglike {result.llf:.3f}", file=sys.stderr)
