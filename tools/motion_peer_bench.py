#!/usr/bin/env python3
"""Times the numpy peer (tools/motion_peer.py) on the same data as the Swift MotionBenchmarks.

Loads tools/fixtures/motion/synthetic-wall-squat-coco17.json (written by RehabMotion's SyntheticRecording),
tiles it 1 417 times (≈ 1.0 M frames) exactly as `PoseRecording.repeated` does, and runs the full wall-squat
analysis, reporting the best of several runs (wall clock and CPU time) in frames per second on one core.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 tools/motion_peer_bench.py [--runs 5]
"""
import argparse
import json
import os
import time

import numpy as np

import motion_peer

TILES = 1_417
FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "motion", "synthetic-wall-squat-coco17.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    x, y, interval = motion_peer.load_document(FIXTURE)
    print("fixture result:", json.dumps(motion_peer.analyze_wall_squat(x, y, interval), default=float))
    long_x, long_y = np.tile(x, TILES), np.tile(y, TILES)
    frames = long_x.shape[1]
    best = best_cpu = float("inf")
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = motion_peer.analyze_wall_squat(long_x, long_y, interval)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    # CPU time as well as wall clock: on a shared machine the wall clock also counts time spent waiting for a core.
    print(f"numpy peer: {frames} frames, best {best * 1000:.1f} ms wall clock, {frames / best / 1e6:.2f} M frames/s; "
          f"best {best_cpu * 1000:.1f} ms CPU, {frames / best_cpu / 1e6:.2f} M frames/s "
          f"({result['reps']} reps, {result['partialReps']} partial)")


if __name__ == "__main__":
    main()
