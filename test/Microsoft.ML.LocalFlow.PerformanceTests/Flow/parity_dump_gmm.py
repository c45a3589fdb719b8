#!/usr/bin/env python3
"""Writes the reference's `--data gmm --dim D` train/test sets (standardised exactly as lfm_torch.get_data does,
float32) to OUT_DIR/gmm{D}_train.csv and OUT_DIR/gmm{D}_test.csv (no header), for `quick --case parity.gmm`.
Usage: parity_dump_gmm.py OUT_DIR [--dim 6] [--n-train 20000] [--n-test 5000] [--seed 0]"""
import argparse
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "shared", "reference"))
import lfm_torch  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--dim", type=int, default=6)
ap.add_argument("--n-train", type=int, default=20000)
ap.add_argument("--n-test", type=int, default=5000)
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
args = argparse.Namespace(data="gmm", dim=a.dim, gmm_components=8, data_seed=1234, n_train=a.n_train,
                          n_test=a.n_test, test_frac=0.1, seed=a.seed)
xtr, xte, true_logp = lfm_torch.get_data(args)
np.savetxt(os.path.join(a.out, f"gmm{a.dim}_train.csv"), xtr.numpy(), delimiter=",", fmt="%.9g")
np.savetxt(os.path.join(a.out, f"gmm{a.dim}_test.csv"), xte.numpy(), delimiter=",", fmt="%.9g")
print(f"true test NLL (standardised coordinates) = {-true_logp.mean():.4f}")
