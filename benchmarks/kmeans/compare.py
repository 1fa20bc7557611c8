#!/usr/bin/python3
"""Side-by-side k-means timing: Loyalty.Core (loyalty segment) vs scikit-learn, same data, same starting centroids.

Usage (from the repository root, after `dotnet build -c Release`):
    /usr/bin/python3 benchmarks/kmeans/compare.py [--data DIR] [--reps N] [--cases a,b] [--threads 1,2]

Data: the four deterministic sets of shared/reference/kmeans/gen_data.py, generated into --data (default
$TMPDIR/kmdata, never the repository) unless already there. For every case and thread count, in one run and
interleaved: scikit-learn's kmeans_plusplus(random_state=42) gives C0 (timed: the k-means++ figure); both libraries
then run Lloyd from C0 (max_iter 100, tol 1e-4); per-iteration time = fit time / iterations, minimum over --reps.
The machine is shared, so CPU time per iteration is printed too: scikit-learn's process_time() around fit, and for
the CLI the process CPU of the full run minus that of a one-iteration run (start-up, reading and JIT cancel out);
median over --reps, since that difference is noisy for short fits.
Our k-means++ is timed with `--init kmeans++ --max-iter 1` (initSeconds). Needs python3-sklearn (Debian).
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

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
X = np.array(read_bin(sys.argv[2])); k = int(sys.argv[3]); c0_path = sys.argv[4]
t0 = time.perf_counter(); C0, _ = kmeans_plusplus(X, k, random_state=42); t_init = time.perf_counter() - t0
np.savetxt(c0_path, C0, delimiter=",", fmt="%.9g")
km = KMeans(n_clusters=k, init=C0, n_init=1, max_iter=100, tol=1e-4, algorithm="lloyd")
t0 = time.perf_counter(); c0 = time.process_time(); km.fit(X); t_fit = time.perf_counter() - t0; cpu_fit = time.process_time() - c0
print(json.dumps({"init_s": t_init, "fit_s": t_fit, "fit_cpu_s": cpu_fit, "iters": int(km.n_iter_), "inertia": float(km.inertia_)}))
'''


def sklearn_run(path, k, threads, c0_path):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(["/usr/bin/python3", "-c", WORKER, REF, path, str(k), c0_path],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ours_run(path, k, threads, init, max_iter=100):
    """Runs the CLI; also returns the process CPU seconds (all threads, including start-up and reading)."""
    args = [CLI, "segment", "--input", path, "--k", str(k), "--init", init, "--threads", str(threads),
            "--tol", "1e-4", "--max-iter", str(max_iter), "--seed", "42", "--json"]
    before = children_cpu()
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    result["cpu_s"] = children_cpu() - before
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "kmdata"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASE_K))
    parser.add_argument("--threads", default="1,2")
    a = parser.parse_args()
    if not os.path.exists(CLI):
        sys.exit(f"{CLI} not found: run `dotnet build -c Release` first")
    if not all(os.path.exists(os.path.join(a.data, c + ".kmf")) for c in CASE_K):
        subprocess.run(["/usr/bin/python3", os.path.join(REF, "gen_data.py"), a.data], check=True)
    print(f"loadavg before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("| case (n×d, k) | threads | sklearn ms/iter | ours ms/iter | speed-up | CPU ms/iter sk/ours | CPU speed-up | iters sk/ours | inertia sk | inertia ours | rel. diff | k-means++ s sk/ours | speed-up |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for case in a.cases.split(","):
        k = CASE_K[case]
        path = os.path.join(a.data, case + ".kmf")
        c0 = os.path.join(a.data, case + ".c0.csv")
        for t in (int(x) for x in a.threads.split(",")):
            sk, us, sk_init, us_init, sk_cpu, us_cpu = [], [], [], [], [], []
            for _ in range(a.reps):
                s = sklearn_run(path, k, t, c0)
                o = ours_run(path, k, t, c0)
                one = ours_run(path, k, t, c0, max_iter=1)
                p = ours_run(path, k, t, "kmeans++", max_iter=1)
                sk.append(s); us.append(o); sk_init.append(s["init_s"]); us_init.append(p["initSeconds"])
                sk_cpu.append(1000 * s["fit_cpu_s"] / s["iters"])
                # CPU of a full run minus a one-iteration run: start-up, reading and JIT cancel out.
                us_cpu.append(1000 * max(0.0, o["cpu_s"] - one["cpu_s"]) / max(1, o["iterations"] - 1))
            s_ms = min(1000 * r["fit_s"] / r["iters"] for r in sk)
            o_ms = min(1000 * r["fitSeconds"] / r["iterations"] for r in us)
            si, oi = sk[0]["inertia"], us[0]["inertia"]
            sc, oc = statistics.median(sk_cpu), statistics.median(us_cpu)
            print(f"| {case} (k={k}) | {t} | {s_ms:.2f} | {o_ms:.2f} | {s_ms / o_ms:.1f}× | {sc:.2f}/{oc:.2f} | {sc / oc if oc > 0 else float('inf'):.1f}× "
                  f"| {sk[0]['iters']}/{us[0]['iterations']} "
                  f"| {si:.7g} | {oi:.7g} | {abs(oi - si) / si:.1e} | {min(sk_init):.3f}/{min(us_init):.3f} | {min(sk_init) / min(us_init):.1f}× |",
                  flush=True)
    print(f"loadavg after: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
