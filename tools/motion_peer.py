#!/usr/bin/env python3
"""numpy/scipy peer of KneeRehab's RehabMotion offline analysis (wall squat, full metric set).

The same measures as `MotionAnalyzer.analyze(_, exercise: .wallSquat)`, written the way a Python developer
would (vectorised numpy, scipy's `sosfiltfilt`), to check the Swift results and to time them against each other:
signed knee flexion, hip flexion, frontal plane projection angle and leg shortening for both legs, pelvis and
trunk tilt, mid-hip centre, a 6 Hz zero-lag Butterworth on each, view check, reps by hysteresis relative to the
patient's range (dwell 3 samples, 0.4 s minimum, partial reps apart), hold per rep and depth.
See docs/motion.md. Not part of the product.
"""
import json
import math

import numpy as np
from scipy.signal import butter, sosfiltfilt

# Canonical joints in RehabMotion's `Joint` order.
JOINTS = ["nose", "lSh", "rSh", "lHip", "rHip", "lKnee", "rKnee", "lAnkle", "rAnkle", "lHeel", "rHeel", "lToe", "rToe"]
LAYOUTS = {
    "blazepose33": [0, 11, 12, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32],
    "coco17": [0, 5, 6, 11, 12, 13, 14, 15, 16, None, None, None, None],
    "body25": [0, 5, 2, 12, 9, 13, 10, 14, 11, 21, 24, 19, 22],
    "body25b": [0, 5, 6, 11, 12, 13, 14, 15, 16, 21, 24, 19, 22],
}
J = {name: i for i, name in enumerate(JOINTS)}
QUANTILE_SAMPLE_LIMIT = 8192
CONFIDENCE_THRESHOLD = 0.3
MAX_GAP = 0.3


def load_document(path):
    """Reads a one-person keypoint document into canonical columns on an even grid: (x, y, interval)."""
    with open(path) as handle:
        doc = json.load(handle)
    table = LAYOUTS[doc["layout"]]
    width = doc.get("image", {}).get("width", 1.0)
    height = doc.get("image", {}).get("height", 1.0)
    fps = doc.get("fps", 30.0)
    times, xs, ys = [], [], []
    for index, frame in enumerate(doc["frames"]):
        if not frame or not frame.get("keypoints"):
            continue
        kp = frame["keypoints"]
        row_x = np.full(len(JOINTS), np.nan)
        row_y = np.full(len(JOINTS), np.nan)
        for j, k in enumerate(table):
            if k is None or kp[k] is None:
                continue
            c = kp[k][-1] if len(kp[k]) >= 3 else 1.0
            c = c if 0 <= c <= 1 else 1 / (1 + math.exp(-c))
            if c < CONFIDENCE_THRESHOLD:
                continue
            row_x[j] = kp[k][0] * width
            row_y[j] = kp[k][1] * height
        times.append(frame.get("t", index / fps))
        xs.append(row_x)
        ys.append(row_y)
    times = np.asarray(times)
    interval = float(np.median(np.diff(times)))
    grid = times[0] + np.arange(int(round((times[-1] - times[0]) / interval)) + 1) * interval
    return resample(times, np.asarray(xs), grid), resample(times, np.asarray(ys), grid), interval


def resample(times, values, grid):
    """Linear interpolation onto the grid across gaps of at most MAX_GAP seconds."""
    out = np.full((values.shape[1], grid.size), np.nan)
    for j in range(values.shape[1]):
        ok = ~np.isnan(values[:, j])
        if ok.sum() < 2:
            continue
        t, v = times[ok], values[ok, j]
        filled = np.interp(grid, t, v)
        right = np.clip(np.searchsorted(t, grid - 1e-9), 1, t.size - 1)
        gap = t[right] - t[right - 1]
        exact = np.isclose(t[right - 1], grid) | np.isclose(t[right], grid)
        filled[(gap > MAX_GAP + 1e-9) & ~exact] = np.nan
        filled[(grid < t[0] - 1e-9) | (grid > t[-1] + 1e-9)] = np.nan
        out[j] = filled
    return out


def quantile(values, q):
    stride = max(1, values.size // QUANTILE_SAMPLE_LIMIT)
    sample = values[::stride]
    sample = sample[np.isfinite(sample)]
    if not sample.size:
        return math.nan
    if q == 0.5:
        return float(np.median(sample))
    return float(np.quantile(sample, q))


def crest(values, band=6.0):
    top = np.nanmax(values)
    return quantile(values[values >= top - band], 0.5)


def trough(values, band=6.0):
    bottom = np.nanmin(values)
    return quantile(values[values <= bottom + band], 0.5)


def smooth(signal, interval, cutoff=6.0):
    """Zero-lag Butterworth: a 2nd-order section forward and backward, run by run around NaN gaps."""
    sos = butter(2, cutoff, fs=1 / interval, output="sos")
    out = signal.copy()
    finite = np.isfinite(signal)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], finite.astype(np.int8), [0]))))
    for start, end in zip(edges[::2], edges[1::2]):
        if end - start >= 3:
            pad = min(max(9, math.ceil(3 / (cutoff * interval))), end - start - 1)
            out[start:end] = sosfiltfilt(sos, signal[start:end], padtype="odd", padlen=pad)
    return out


def angle_at(ax, ay, bx, by, cx, cy, signed=False):
    ux, uy, vx, vy = ax - bx, ay - by, cx - bx, cy - by
    cross = ux * vy - uy * vx
    flexion = 180 - np.degrees(np.arctan2(np.abs(cross), ux * vx + uy * vy))
    return np.where(cross < 0, -flexion, flexion) if signed else flexion


def signals(x, y, interval):
    s = {}
    for side, p in (("left", "l"), ("right", "r")):
        o = "r" if p == "l" else "l"
        hx, hy, kx, ky = x[J[p + "Hip"]], y[J[p + "Hip"]], x[J[p + "Knee"]], y[J[p + "Knee"]]
        ax, ay, sx, sy = x[J[p + "Ankle"]], y[J[p + "Ankle"]], x[J[p + "Sh"]], y[J[p + "Sh"]]
        ox, oy = x[J[o + "Hip"]], y[J[o + "Hip"]]
        flex = angle_at(hx, hy, kx, ky, ax, ay, signed=True)
        clear = flex[np.abs(flex) > 15]
        balance = np.sign(clear).sum()
        flex = np.abs(flex) if balance == 0 else (flex if balance > 0 else -flex)
        s["knee_" + side] = smooth(flex, interval)
        s["hip_" + side] = smooth(angle_at(sx, sy, hx, hy, kx, ky), interval)
        tx, ty, shx, shy = kx - hx, ky - hy, ax - kx, ay - ky
        magnitude = np.degrees(np.arctan2(np.abs(tx * shy - ty * shx), tx * shx + ty * shy))
        lx, ly = ax - hx, ay - hy
        same = (lx * ty - ly * tx) * (lx * (oy - hy) - ly * (ox - hx)) >= 0
        s["fppa_" + side] = smooth(np.where(same, magnitude, -magnitude), interval)
        length = quantile(np.hypot(tx, ty), 0.9) + quantile(np.hypot(shx, shy), 0.9)
        s["leg_" + side] = smooth(np.hypot(lx, ly) / length, interval)
        s["ankle_" + side] = smooth(ay, interval)
    tilt = lambda a, b: np.degrees(np.arctan2(y[J[b]] - y[J[a]], np.abs(x[J[b]] - x[J[a]])))
    s["pelvis"] = smooth(tilt("lHip", "rHip"), interval)
    s["trunk"] = smooth(tilt("lSh", "rSh"), interval)
    s["cx"] = smooth((x[J["lHip"]] + x[J["rHip"]]) / 2, interval)
    s["cy"] = smooth((y[J["lHip"]] + y[J["rHip"]]) / 2, interval)
    return s


def width_ratio(x, y):
    d = lambda a, b: np.hypot(x[J[a]] - x[J[b]], y[J[a]] - y[J[b]])
    width = d("lHip", "rHip") + d("lSh", "rSh")
    length = d("lSh", "lHip") + d("lHip", "lKnee") + d("rSh", "rHip") + d("rHip", "rKnee")
    return quantile(width / (length / 2), 0.5)


def count_reps(signal, interval, dwell=3, min_seconds=0.4, min_range=10.0):
    """Hysteresis relative to the patient's range, vectorised: returns [(start, peak, end, full)]."""
    low, high = quantile(signal, 0.02), quantile(signal, 0.98)
    if not high - low >= min_range:
        return []
    r = high - low
    enter, exit_, full = low + 0.40 * r, low + 0.25 * r, low + 0.65 * r
    idx = np.flatnonzero(np.isfinite(signal))
    v = signal[idx]
    kernel = np.ones(dwell)
    above = np.convolve(v >= enter, kernel, "full")[: v.size] >= dwell
    below_run = np.convolve(v <= exit_, kernel, "full")[: v.size] >= dwell
    # Events: +1 when an enter dwell completes, -1 when an exit dwell completes; state follows the last event.
    event = np.where(above, 1, np.where(below_run, -1, 0))
    nz = np.flatnonzero(event)
    state = np.zeros(v.size, dtype=np.int8)
    if nz.size:
        filled = np.maximum.accumulate(np.where(event != 0, np.arange(v.size), -1))
        state = np.where(filled >= 0, event[np.maximum(filled, 0)], 0)
    armed = np.maximum.accumulate(np.where(v <= exit_, np.arange(v.size), -1))
    starts = np.flatnonzero((state[1:] == 1) & (state[:-1] != 1)) + 1
    reps = []
    ends = np.flatnonzero((state[1:] == -1) & (state[:-1] == 1)) + 1
    following = np.searchsorted(ends, starts, side="right")
    for s, k in zip(starts, following):
        if armed[s] < 0:
            continue
        if k >= ends.size:
            break
        e = ends[k] - dwell + 1
        rest = armed[s]
        if (idx[e] - idx[rest]) * interval < min_seconds:
            continue
        peak = rest + int(np.argmax(v[rest:e]))
        reps.append((idx[rest], idx[peak], idx[e], v[peak] >= full))
    return reps


def longest_hold(signal, start, end, interval, band=3.0, minimum=0.3, tolerance=0.3):
    window = signal[start:end]
    finite = window[np.isfinite(window)]
    if not finite.size:
        return 0.0
    top = finite.max()
    level = quantile(finite[finite >= top - 2 * band], 0.5)
    inside = np.flatnonzero(np.abs(window - level) <= band)
    if not inside.size:
        return 0.0
    breaks = np.flatnonzero(np.diff(inside) - 1 > round(tolerance / interval))
    firsts = np.concatenate(([inside[0]], inside[breaks + 1]))
    lasts = np.concatenate((inside[breaks], [inside[-1]]))

    def frac(i, j):
        if not (0 <= j < window.size) or not np.isfinite(window[j]) or abs(window[j] - level) <= band:
            return 0.0
        edge = level + band if window[j] > level else level - band
        span = window[j] - window[i]
        return 0.0 if span == 0 else min(max((edge - window[i]) / span, 0.0), 1.0)

    best = max((l + frac(l, l + 1)) - (f - frac(f, f - 1)) for f, l in zip(firsts, lasts)) * interval
    return best if best >= minimum else 0.0


def analyze_wall_squat(x, y, interval, side="left"):
    s = signals(x, y, interval)
    ratio = width_ratio(x, y)
    view = "unknown" if not math.isfinite(ratio) else "side" if ratio <= 0.25 else "front" if ratio >= 0.5 else "oblique"
    flex = s["knee_" + side]
    readable = view == "side"
    rep_signal = flex if readable else 2 * np.degrees(np.arccos(np.minimum(s["leg_" + side], 1)))
    reps = count_reps(rep_signal, interval)
    full = [r for r in reps if r[3]]
    holds = [longest_hold(rep_signal, a, e, interval) for a, _, e, _ in reps] or [
        longest_hold(rep_signal, 0, rep_signal.size, interval)]
    result = {"exercise": "wall-squat", "side": side, "view": view, "reps": len(full),
              "partialReps": len(reps) - len(full), "holdSeconds": max(holds), "holdsSeconds": holds}
    if readable:
        result["kneeFlexion"] = {"min": trough(flex), "max": crest(flex)}
        depths = [crest(flex[a:e]) for a, _, e, _ in full]
        result["depthDegrees"] = float(np.median(depths)) if depths else result["kneeFlexion"]["max"]
    if view == "front":
        leg, fppa = s["leg_" + side], s["fppa_" + side]
        ranges = [(a, e) for a, _, e, _ in reps] or [(0, leg.size)]
        peaks = [a + int(np.nanargmin(leg[a:e])) for a, e in ranges]
        result["valgusDegrees"] = float(np.median(fppa[peaks]))
    return result


if __name__ == "__main__":
    import sys

    x, y, interval = load_document(sys.argv[1])
    print(json.dumps(analyze_wall_squat(x, y, interval), indent=2, default=float))
