#!/usr/bin/env python3
"""Measure the pose worker: start-up, frames per second, peak memory, a 30-second video.

    python tools/pose-worker/measure.py          (from the worker's venv; needs ffmpeg)

Uses the Sports2D sample clip (POSE_SAMPLE_VIDEO=path to reuse a copy) and, for the 30-second
figure, the clip looped to 30 s with ffmpeg (H.264 at the clip's own 1768x994).
"""

import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Sources" / "RehabWeb" / "Resources" / "pose-worker"))

from test_pose_worker import (Worker, fetch_sample, make_looped,  # noqa: E402
                              make_phone_variant, missing_tools)


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def peak_rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine_busy_seconds():
    """CPU seconds all processes have spent busy since boot (all cores)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def model_seconds(path):
    """Seconds spent in the model alone on a clip's frames, decoded and scaled as the worker
    does (in this process, same settings as the worker)."""
    import cv2
    from mediapipe.python.solutions import pose as mp_pose
    import pose_worker
    spent = 0.0
    with mp_pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True,
                      enable_segmentation=False) as pose:
        capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            rgb = cv2.cvtColor(pose_worker._downscale(cv2, frame), cv2.COLOR_BGR2RGB)
            rgb.flags.writeable = False
            started = time.monotonic()
            pose.process(rgb)
            spent += time.monotonic() - started
        capture.release()
    return spent


def main():
    reason = missing_tools()
    if reason:
        sys.exit("cannot measure: " + reason)
    top = Path(tempfile.mkdtemp(prefix="pose-worker-measure-"))
    try:
        sample = top / "sample.mp4"
        fetch_sample(sample)
        phone = top / "phone.webm"
        make_phone_variant(sample, phone)
        looped = top / "looped-30s.mp4"
        make_looped(sample, looped, 30)

        startups = []
        for _ in range(3):
            worker = Worker()
            startups.append(worker.startup_seconds)
            worker.close()

        worker = Worker()

        def run(source, name):
            video = top / ("given-" + name)
            shutil.copyfile(source, video)
            started = time.monotonic()
            reply = worker.request(id=name, video=str(video), output=str(top / (name + ".json")),
                                   maxSeconds=60, maxFrames=2000)
            if not reply.get("ok"):
                sys.exit(f"{name}: {reply}")
            return reply, time.monotonic() - started

        wall_start, busy_start = time.monotonic(), machine_busy_seconds()
        own_start = sum(os.times()[:2])
        print(f"machine: {cpu_name()}, {len(os.sched_getaffinity(0))} cores "
              f"available, Python {platform.python_version()}, mediapipe {worker.ready['version']}")
        print(f"worker start-up (spawn to ready line), 3 starts: "
              + ", ".join(f"{s:.2f}" for s in startups) + " s")
        for source, name in ((sample, "sample.mp4"), (phone, "phone.webm")):
            reply, _ = run(source, name)
            model = model_seconds(source)
            frames, processing = reply["frames"], reply["processingSeconds"]
            print(f"{name} ({reply['width']}x{reply['height']}, {frames} frames, "
                  f"{reply['seconds']} s): worker {processing:.2f} s, {frames / processing:.1f} "
                  f"frames/s with decoding; the model alone {model:.2f} s, "
                  f"{frames / model:.1f} frames/s")
        reply, wall = run(looped, "looped-30s.mp4")
        print(f"30 s video ({reply['width']}x{reply['height']}, {reply['frames']} frames): "
              f"{wall:.2f} s from request to reply ({reply['processingSeconds']:.2f} s in the "
              f"worker, {reply['frames'] / wall:.1f} frames/s)")
        print(f"worker peak resident memory (VmHWM): {peak_rss_mib(worker.process.pid):.0f} MiB")
        wall = time.monotonic() - wall_start
        others = (machine_busy_seconds() - busy_start - process_cpu_seconds(worker.process.pid)
                  - (sum(os.times()[:2]) - own_start))
        print(f"other processes kept about {max(others, 0) / wall:.2f} of the "
              f"{os.cpu_count()} cores busy during these measurements (0 = a quiet machine)")
        worker.close()
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
