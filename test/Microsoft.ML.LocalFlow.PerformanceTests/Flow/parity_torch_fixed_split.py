#!/usr/bin/env python3
"""Runs ../shared/reference/lfm_torch.py with the CSV split of --split-seed (default 0) whatever --seed is,
so that several PyTorch training seeds can be compared on one split (the reference ties the split to --seed).
Usage: parity_torch_fixed_split.py [--split-seed K] <lfm_torch.py arguments>
Only get_data's generator is redirected; torch.manual_seed(--seed) still sets the training randomness."""
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "shared", "reference"))
import lfm_torch  # noqa: E402

split_seed = 0
argv = sys.argv[1:]
if argv[:1] == ["--split-seed"]:
    split_seed = int(argv[1])
    argv = argv[2:]
_orig_get_data = lfm_torch.get_data


def get_data(args):
    seed = args.seed
    args.seed = split_seed
    try:
        return _orig_get_data(args)
    finally:
        args.seed = seed


lfm_torch.get_data = get_data
sys.argv = [sys.argv[0]] + argv
lfm_torch.main()
