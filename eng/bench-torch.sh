#!/usr/bin/env bash
# Runs the PyTorch comparator (../shared/reference/lfm_torch.py) the fair way, for side-by-side figures in docs/perf.md.
# Never a dependency of the product. Install once: apt-get install -y python3-torch python3-numpy libopenblas0-pthread
# Fairness: OpenBLAS (not reference BLAS) with its AVX-512 kernels (unset OPENBLAS_CORETYPE, which this environment sets
# to Haswell), 2 threads, and for no-grad phases glibc's malloc thresholds raised so buffers are not returned per forward.
# Usage: eng/bench-torch.sh [steps|train|all] [extra lfm_torch.py args]
set -euo pipefail
ref="$(cd "$(dirname "$0")/.." && pwd)/../shared/reference/lfm_torch.py"
[ -f "$ref" ] || { echo "comparator not found at $ref" >&2; exit 1; }
update-alternatives --display libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q 'currently points to .*openblas' \
  || echo "warning: libblas does not point to OpenBLAS; PyTorch figures would be ~30x too slow" >&2
# OPENBLAS_NUM_THREADS=1: with libopenblas0-pthread, OpenBLAS starts its own threads inside each of torch's 2 OpenMP
# threads and the 4 threads fight over 2 cores (measured here: power 11.9 it/s with 2 OpenBLAS threads, 28.4 with 1).
py() { env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 /usr/bin/python3 "$ref" --threads 2 "$@"; }
mode=${1:-steps}; shift || true
if [ "$mode" = steps ] || [ "$mode" = all ]; then
  # One training block per shape: (d, H x K, B) as in the quick mode of the performance project.
  py --data gmm --dim 6  --hidden 256 --layers 4 --batch 4096  --iters 200 --hks 0.15 --no-push-last --skip-nll --skip-sample --n-train 100000 "$@" | grep train | sed 's/^/power     /'
  py --data gmm --dim 43 --hidden 362 --layers 4 --batch 1000  --iters 200 --hks 0.15 --no-push-last --skip-nll --skip-sample --n-train 20000 "$@" | grep train | sed 's/^/miniboone /'
  py --data gmm --dim 63 --hidden 512 --layers 4 --batch 500   --iters 200 --hks 0.15 --no-push-last --skip-nll --skip-sample --n-train 20000 "$@" | grep train | sed 's/^/bsds      /'
  py --data gmm --dim 8  --hidden 128 --layers 3 --batch 512   --iters 1000 --hks 0.15 --no-push-last --skip-nll --skip-sample --n-train 20000 "$@" | grep train | sed 's/^/small     /'
  py --data gmm --dim 2  --hidden 256 --layers 3 --batch 10000 --iters 100 --hks 0.15 --no-push-last --skip-nll --skip-sample --n-train 100000 "$@" | grep train | sed 's/^/twod      /'
fi
if [ "$mode" = train ] || [ "$mode" = all ]; then
  # POWER-shaped LFM: 6-D mixture, 256x4, 4 blocks, 100k rows, incl. push-forward, exact NLL (4 x 50 Euler) and sampling.
  py --data gmm --dim 6 --hidden 256 --layers 4 --batch 4096 --iters 100 --hks 0.15,0.2,0.26,free --n-train 100000 --n-test 5000 \
     --n-eval 2000 --n-sample 20000 --trace autograd "$@"
fi
