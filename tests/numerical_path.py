"""A second numerical path on this machine: the environment that makes NumPy and the BLAS compute differently.

Learners run the notebooks on CPUs whose SIMD code and BLAS kernels differ from ours, so the last bits of every
sum differ and a training run turns them into different digits. This machine can imitate an older one: NumPy
skips its highest dispatched SIMD targets when they are named in ``NPY_DISABLE_CPU_FEATURES`` (read when NumPy
is imported), and OpenBLAS takes the kernels of another core type from ``OPENBLAS_CORETYPE`` (MKL: the
instruction set from ``MKL_ENABLE_INSTRUCTIONS``), read when the library is loaded. Both only take effect in a new
process, so this module computes the variables here and checks them in a child process.

Command line (``make test-second-path`` runs the second form)::

    python tests/numerical_path.py                  # print the variables and what they change
    python tests/numerical_path.py --run ARGS...    # run pytest ARGS... with them (exit code of pytest)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

# OpenBLAS core types (DYNAMIC_ARCH builds), each mapped to an older one whose kernels this CPU also runs.
OPENBLAS_OLDER = {
    "sapphirerapids": "SkylakeX", "cooperlake": "SkylakeX", "skylakex": "Haswell", "zen": "Sandybridge",
    "haswell": "Sandybridge", "sandybridge": "Nehalem", "nehalem": "Core2", "atom": "Core2",
    "neoversev2": "ARMV8", "neoversev1": "ARMV8", "neoversen2": "ARMV8", "neoversen1": "ARMV8", "vortex": "ARMV8",
    "cortexa76": "ARMV8", "cortexa72": "ARMV8", "cortexa57": "ARMV8", "thunderx2t99": "ARMV8",
}
MKL_OLDER = {"avx512": "AVX2", "avx2": "AVX", "avx": "SSE4_2"}

_PROBE = """
import json, numpy as np
try:
    from numpy._core._multiarray_umath import __cpu_dispatch__ as dispatch, __cpu_features__ as features
except ImportError:  # NumPy 1.x
    from numpy.core._multiarray_umath import __cpu_dispatch__ as dispatch, __cpu_features__ as features
np.dot(np.ones((64, 64)), np.ones((64, 64)))  # loads the BLAS
try:
    from threadpoolctl import threadpool_info
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
except ImportError:
    blas = []
print(json.dumps({"numpy": np.__version__, "simd": [f for f in dispatch if features.get(f)],
                  "blas": [(i.get("internal_api"), i.get("architecture")) for i in blas]}))
"""


def probe(env: dict | None = None) -> dict:
    """What a new Python process with `env` added to ours uses: NumPy's active SIMD targets and its BLAS."""
    out = subprocess.run([sys.executable, "-c", _PROBE], env={**os.environ, **(env or {})},
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"the probe process failed under {env}:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def second_path(here: dict) -> tuple[dict, list[str]]:
    """The variables of a second numerical path for a machine whose probe() is `here`, and what they change.

    NumPy: every active dispatched SIMD target but the lowest is switched off (AVX-512 -> AVX2 on such a CPU),
    or the only one (AVX2 -> the SSE4 baseline). BLAS: the next older core type (OpenBLAS) or instruction set
    (MKL). Where neither can change, the list of reasons says so.
    """
    env, notes = {}, []
    simd = here["simd"]
    if simd:
        off = simd[1:] if len(simd) > 1 else simd
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(off)
        notes.append(f"NumPy SIMD: without {' '.join(off)}")
    else:
        notes.append("NumPy SIMD: only the baseline is active here, nothing to switch off")
    for api, arch in here["blas"]:
        if api == "openblas":
            older = OPENBLAS_OLDER.get((arch or "").lower())
            if older:
                env["OPENBLAS_CORETYPE"] = older
                notes.append(f"OpenBLAS: {older} kernels instead of {arch}")
            else:
                notes.append(f"OpenBLAS: no older core type known for {arch!r}; the BLAS path is unchanged")
        elif api == "mkl":
            level = os.environ.get("MKL_ENABLE_INSTRUCTIONS", "AVX512").lower()
            older = MKL_OLDER.get(level.split("_")[0], "SSE4_2")
            env["MKL_ENABLE_INSTRUCTIONS"] = older
            notes.append(f"MKL: instructions up to {older}")
    if not here["blas"]:
        notes.append("BLAS: threadpoolctl is not installed, so the BLAS was not identified and is unchanged")
    return env, notes


def checked_second_path() -> tuple[dict, list[str]]:
    """second_path() of this machine, verified in a child process: the variables really change the path."""
    here = probe()
    env, notes = second_path(here)
    there = probe(env)
    if "NPY_DISABLE_CPU_FEATURES" in env and there["simd"] == here["simd"]:
        raise RuntimeError(f"NPY_DISABLE_CPU_FEATURES={env['NPY_DISABLE_CPU_FEATURES']!r} changed nothing")
    if "OPENBLAS_CORETYPE" in env and there["blas"] == here["blas"]:
        raise RuntimeError(f"OPENBLAS_CORETYPE={env['OPENBLAS_CORETYPE']!r} changed nothing")
    notes.append(f"first path: SIMD {here['simd']}, BLAS {here['blas']}; second: SIMD {there['simd']}, "
                 f"BLAS {there['blas']}")
    return env, notes


def main(argv: list[str]) -> int:
    env, notes = checked_second_path()
    print("second numerical path:", " ".join(f"{k}={v!r}" for k, v in env.items()) or "(none)")
    for note in notes:
        print("  " + note)
    if not env:
        print("  this machine offers no second path: nothing to run")
        return 0
    if argv[:1] != ["--run"]:
        return 0
    sys.stdout.flush()
    return subprocess.run([sys.executable, "-m", "pytest", *argv[1:]], env={**os.environ, **env}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
