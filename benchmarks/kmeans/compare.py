#!/usr/bin/python3
"""Side-by-side k-means timing: Loyalty.Core (loyalty segment) vs scikit-learn, same data, same starting centroids.

Usage (from the repository root, after `dotnet build -c Release`):
    /usr/bin/python3 benchmarks/kmeans/compare.py [--data DIR] [--reps N] [--fits N] [--cases a,b] [--threads 1,2]

Data: the four deterministic sets of shared/reference/kmeans/gen_data.py, generated into --data (default
$TMPDIR/kmdata, never the repository) unless already there. For every case and thread count, in one run and
interleaved --reps times: scikit-learn's kmeans_plusplus(random_state=42) gives C0; both libraries then run Lloyd
from C0 (max_iter 100, tol 1e-4). Each library fits --fits times in one process (scikit-learn in one Python
process, ours with `loyalty segment --repeat`), so two figures are reported per library:
  warm  = the fastest fit in the process (what a long-running service sees; the speed-up column uses it),
  cold  = the first fit (ours includes JIT compilation of the kernels and first-touch page faults).
Per-iteration time = fit time / iterations; minimum over --reps. k-means++ is timed the same way: scikit-learn's
kmeans_plusplus, ours `--init kmeans++ --max-iter 1` (initSeconds). Needs python3-sklearn (Debian).
"""
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
REF = os.environ.get("KMEANS_REF", os.path.join(ROOT, "..", "shared", "reference", "kmeans"))
CASE_K = {"blobs_n100k_d8_k8": 8, "blobs_n1m_d16_k16": 16, "blobs_n200k_d32_k64": 64, "rfm_n1m_d4": 5}
CLI = os.path.join(ROOT, "src", "Loyalty.Cli", "bin", "Release", "net10.0", "loyalty")

WORKER = r'''
import json, os, sys, time, numpy as np
sys.path.insert(0, sys.argv[1])
from gen_data import read_bin
from sklearn.cluster import KMeans, kmeans_plusplus
X = np.array(read_bin(sys.argv[2])); k = int(sys.argv[3]); c0_path = sys.argv[4]; fits = int(sys.argv[5])
inits, times = [], []
for _ in range(fits):
    t0 = time.perf_counter(); C0, _ = kmeans_plusplus(X, k, random_state=42); inits.append(time.perf_counter() - t0)
np.savetxt(c0_path, C0, delimiter=",", fmt="%.9g")
for _ in range(fits):
    km = KMeans(n_clusters=k, init=C0, n_init=1, max_iter=100, tol=1e-4, algorithm="lloyd")
    t0 = time.perf_counter(); km.fit(X); times.append(time.perf_counter() - t0)
print(json.dumps({"init_first": inits[0], "init_min": min(inits), "fit_first": times[0], "fit_min": min(times),
                  "iters": int(km.n_iter_), "inertia": float(km.inertia_)}))
'''


def sklearn_run(path, k, threads, c0_path, fits):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(["/usr/bin/python3", "-c", WORKER, REF, path, str(k), c0_path, str(fits)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def ours_run(path, k, threads, init, fits, max_iter=100):
    args = [CLI, "segment", "--input", path, "--k", str(k), "--init", init, "--threads", str(threads),
            "--tol", "1e-4", "--max-iter", str(max_iter), "--seed", "42", "--json", "--repeat", str(fits),
            "--no-header"]  # the --init file is np.savetxt output, without a header line
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "kmdata"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--fits", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASE_K))
    parser.add_argument("--threads", default="1,2")
    a = parser.parse_args()
    if not os.path.exists(CLI):
        sys.exit(f"{CLI} not found: run `dotnet build -c Release` first")
    if not all(os.path.exists(os.path.join(a.data, c + ".kmf")) for c in CASE_K):
        subprocess.run(["/usr/bin/python3", os.path.join(REF, "gen_data.py"), a.data], check=True)
    print(f"loadavg before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| case (n×d, k) | threads | sklearn ms/iter warm (cold) | ours ms/iter warm (cold) | speed-up warm (cold) "
          "| iters sk/ours | inertia sk | inertia ours | rel. diff | k-means++ s sk/ours warm | speed-up warm (cold) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for case in a.cases.split(","):
        k = CASE_K[case]
        path = os.path.join(a.data, case + ".kmf")
        c0 = os.path.join(a.data, case + ".c0.csv")
        for t in (int(x) for x in a.threads.split(",")):
            sk, us, pp = [], [], []
            for _ in range(a.reps):
                sk.append(sklearn_run(path, k, t, c0, a.fits))
                us.append(ours_run(path, k, t, c0, a.fits))
                pp.append(ours_run(path, k, t, "kmeans++", a.fits, max_iter=1))
            s_warm = min(1000 * r["fit_min"] / r["iters"] for r in sk)
            s_cold = min(1000 * r["fit_first"] / r["iters"] for r in sk)
            o_warm = min(1000 * r["fitSeconds"] / r["iterations"] for r in us)
            o_cold = min(1000 * r["firstFitSeconds"] / r["iterations"] for r in us)
            si, oi = sk[0]["inertia"], us[0]["inertia"]
            ski_warm = min(r["init_min"] for r in sk)
            ski_cold = min(r["init_first"] for r in sk)
            oi_warm = min(r["initSeconds"] for r in pp)
            oi_cold = min(r["firstInitSeconds"] for r in pp)
            print(f"| {case} (k={k}) | {t} | {s_warm:.2f} ({s_cold:.2f}) | {o_warm:.2f} ({o_cold:.2f}) "
                  f"| {s_warm / o_warm:.1f}× ({s_cold / o_cold:.1f}×) | {sk[0]['iters']}/{us[0]['iterations']} "
                  f"| {si:.7g} | {oi:.7g} | {abs(oi - si) / si:.1e} | {ski_warm:.3f}/{oi_warm:.3f} "
                  f"| {ski_warm / oi_warm:.1f}× ({ski_cold / oi_cold:.1f}×) |",
                  flush=True)
    print(f"loadavg after: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
