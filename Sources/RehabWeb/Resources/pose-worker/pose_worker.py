#!/usr/bin/env python3
"""KneeRehab pose worker: videos in, BlazePose-33 keypoint documents out.

A long-running process that the server starts once and talks to over stdin/stdout, one JSON
object per line (see README.md beside this file). It runs MediaPipe Pose (the legacy
`solutions.pose` API, full landmark model, which the mediapipe wheel ships) on every frame of a
video and writes the landmarks as a keypoint document the server's motion analysis reads.

Privacy: the worker removes the video file as soon as it has opened it, before decoding a
single frame, so the video is gone whatever happens afterwards. Diagnostics go to stderr and
never contain anything read from a file.
"""

import json
import math
import os
import stat
import sys
import time
import traceback

# OpenCV prints warnings of its own to stderr; keep them to errors. Set before cv2 is imported.
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

# Limits and thresholds (README.md, "Limits").
DEFAULT_MAX_SECONDS = 60.0
DEFAULT_MAX_FRAMES = 2000
INFERENCE_LONG_SIDE = 1280  # frames whose long side is larger are scaled down before inference
MAX_SOURCE_LONG_SIDE = 4096  # videos larger than this (beyond 4K) are refused as too large
MIN_PERSON_SHARE = 0.10  # fewer frames than this share with a person: "no-person"
MAX_REQUEST_BYTES = 64 * 1024
PLAUSIBLE_FPS = (1.0, 240.0)
DIGITS = 4

MESSAGES = {
    "no-person": "We could not see a person in the video. Please record again with your whole "
                 "body in view, in good light.",
    "unreadable": "The video could not be read. Please record it again and send the new video.",
    "too-long": "The video is longer than {seconds} seconds. Please record a shorter video.",
    "too-large": "The video is too large to analyse. Please record a shorter video at your "
                 "camera's normal quality.",
    "internal": "Something went wrong while analysing the video. Please try again later.",
}


class Refusal(Exception):
    """A request the worker answers with an error code and a sentence for the patient."""

    def __init__(self, code, message=None):
        super().__init__(code)
        self.code = code
        self.message = message or MESSAGES[code]


def log(text):
    sys.stderr.write("pose-worker: " + text + "\n")
    sys.stderr.flush()


def log_error(text, error):
    """Log an unexpected error: its type and where it was raised, not its message (which can
    name files)."""
    where = "".join(traceback.format_tb(error.__traceback__)).rstrip()
    log(f"{text} ({type(error).__name__})\n{where}")


def _safe_id(value):
    """The request id as it may appear in a log line: short and printable."""
    return ascii(value)[:80]


def _is_container_header(head):
    """True for the start of an ISO base media file (MP4, QuickTime .mov) or Matroska/WebM.

    Anything else (playlists, image sequences, scripts and other formats FFmpeg would happily
    open) is refused before FFmpeg sees it.
    """
    if head[:4] == b"\x1a\x45\xdf\xa3":  # EBML: Matroska and WebM
        return True
    return len(head) >= 8 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free",
                                             b"skip", b"pnot")


def _upright(cv2, frame, degrees):
    """Turn a decoded frame by the clockwise rotation its metadata asks for."""
    if degrees == 90:
        return cv2.rotate(frame, cv2.ROTATE_90_CLOCKWISE)
    if degrees == 180:
        return cv2.rotate(frame, cv2.ROTATE_180)
    if degrees == 270:
        return cv2.rotate(frame, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return frame


def _downscale(cv2, frame):
    """Scale a frame whose long side exceeds INFERENCE_LONG_SIDE down to that size.

    Halving with a Gaussian pyramid while the frame is at least twice too large keeps a 4K frame
    free of aliasing; the last step is bilinear. (INTER_AREA costs about six times as much at
    non-integer ratios; on the sample clip it moved the knee angle by a median of 0.8 degrees,
    within the model's frame-to-frame noise.)
    """
    while max(frame.shape[:2]) >= 2 * INFERENCE_LONG_SIDE:
        frame = cv2.pyrDown(frame)
    h, w = frame.shape[:2]
    if max(w, h) <= INFERENCE_LONG_SIDE:
        return frame
    scale = INFERENCE_LONG_SIDE / max(w, h)
    return cv2.resize(frame, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_LINEAR)


def _number(value, name, default):
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value <= 0:
        raise Refusal("internal", f"The request's {name} is not a positive number.")
    return value


def _landmarks(points, with_visibility):
    row = []
    for p in points:
        values = (p.x, p.y, p.z, p.visibility) if with_visibility else (p.x, p.y, p.z)
        if not all(math.isfinite(v) for v in values):
            return None
        row.append([round(float(v), DIGITS) for v in values])
    return row


def _open_video(path):
    """Open the video, remove its file at once, and return a file descriptor on it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        raise Refusal("unreadable")
    except OSError as error:
        # A symlink, a directory or a file the worker may not read: not something to decode.
        log(f"cannot open the video ({type(error).__name__}, errno {error.errno})")
        raise Refusal("unreadable")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refusal("unreadable")
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            log(f"cannot remove the video ({type(error).__name__}, errno {error.errno})")
            raise Refusal("internal")
        if not _is_container_header(os.pread(fd, 12, 0)):
            raise Refusal("unreadable")
        return fd
    except BaseException:
        os.close(fd)
        raise


def _write_document(output, document):
    tmp = output + ".tmp"
    data = json.dumps(document, separators=(",", ":"), allow_nan=False).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def analyse(cv2, pose, version, request):
    """Run one request; return the reply's fields after "id" (raises Refusal on refusal)."""
    started = time.monotonic()
    video = request.get("video")
    output = request.get("output")
    if not isinstance(video, str) or not video or not isinstance(output, str) or not output:
        raise Refusal("internal", "The request does not name a video and an output file.")
    max_seconds = _number(request.get("maxSeconds"), "maxSeconds", DEFAULT_MAX_SECONDS)
    max_frames = _number(request.get("maxFrames"), "maxFrames", DEFAULT_MAX_FRAMES)
    too_long = Refusal("too-long", MESSAGES["too-long"].format(seconds=f"{max_seconds:g}"))

    fd = _open_video(video)
    try:
        # FFmpeg reopens the (already removed) file through the descriptor's /proc entry.
        capture = cv2.VideoCapture(f"file:/proc/self/fd/{fd}", cv2.CAP_FFMPEG)
    finally:
        os.close(fd)
    try:
        if not capture.isOpened():
            raise Refusal("unreadable")
        rotate_by = 0
        if not (capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
                and capture.get(cv2.CAP_PROP_ORIENTATION_AUTO) == 1):
            meta = capture.get(cv2.CAP_PROP_ORIENTATION_META)
            rotate_by = int(meta) % 360 if math.isfinite(meta) else 0

        meta_fps = capture.get(cv2.CAP_PROP_FPS)
        fps_known = math.isfinite(meta_fps) and PLAUSIBLE_FPS[0] <= meta_fps <= PLAUSIBLE_FPS[1]
        count = capture.get(cv2.CAP_PROP_FRAME_COUNT)
        if fps_known and math.isfinite(count) and 0 < count < 1e7:
            # WebM from a browser has no frame count; the loop below checks as it reads.
            if count / meta_fps > max_seconds + 1e-3:
                raise too_long
            if count > max_frames:
                raise Refusal("too-large")
        step = 1.0 / meta_fps if fps_known else 1.0 / 30.0

        pose.reset()  # no tracking state carried over from the previous video
        frames = []
        times = []
        with_person = 0
        width = height = None
        first_ms = None
        while True:
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            ms = capture.get(cv2.CAP_PROP_POS_MSEC)
            # Time of this frame: the container's timestamp, relative to the first frame, while
            # it moves forward; otherwise one frame interval after the previous frame.
            if first_ms is None and math.isfinite(ms) and ms >= 0:
                first_ms = ms
            t = (ms - first_ms) / 1000.0 if first_ms is not None and math.isfinite(ms) else None
            if times and (t is None or t <= times[-1]):
                t = times[-1] + step
            elif t is None or t < 0:
                t = 0.0
            if t >= max_seconds:
                raise too_long
            if len(frames) + 1 > max_frames:
                raise Refusal("too-large")

            frame = _upright(cv2, frame, rotate_by)
            h, w = frame.shape[:2]
            if width is None:
                if max(w, h) > MAX_SOURCE_LONG_SIDE:
                    raise Refusal("too-large")
                width, height = w, h
            frame = _downscale(cv2, frame)
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            rgb.flags.writeable = False
            result = pose.process(rgb)

            entry = None
            if result.pose_landmarks is not None:
                keypoints = _landmarks(result.pose_landmarks.landmark, True)
                if keypoints is not None:
                    world = None
                    if result.pose_world_landmarks is not None:
                        world = _landmarks(result.pose_world_landmarks.landmark, False)
                    entry = {"t": round(t, DIGITS), "keypoints": keypoints, "world": world}
                    with_person += 1
            frames.append(entry)
            times.append(t)
    finally:
        capture.release()

    if not frames:
        raise Refusal("unreadable")
    if fps_known:
        fps = meta_fps
    elif len(times) > 1 and times[-1] > 0:
        fps = (len(times) - 1) / times[-1]
    else:
        fps = 30.0
    if with_person < MIN_PERSON_SHARE * len(frames):
        raise Refusal("no-person")
    seconds = times[-1] + 1.0 / fps

    fps = round(fps, DIGITS)
    _write_document(output, {
        "layout": "blazepose33",
        "fps": fps,
        "image": {"width": width, "height": height},
        "source": f"mediapipe {version}",
        "frames": frames,
    })
    return {
        "ok": True,
        "frames": len(frames),
        "framesWithPerson": with_person,
        "fps": fps,
        "seconds": round(seconds, 3),
        "width": width,
        "height": height,
        "processingSeconds": round(time.monotonic() - started, 3),
    }


def _read_request(stream):
    """The next request line (bytes), None at end of input; overlong lines are cut and flagged."""
    line = stream.readline(MAX_REQUEST_BYTES + 1)
    if not line:
        return None
    if len(line) > MAX_REQUEST_BYTES and not line.endswith(b"\n"):
        while True:  # drop the rest of the line
            rest = stream.readline(MAX_REQUEST_BYTES)
            if not rest or rest.endswith(b"\n"):
                break
        return b""
    return line


def main():
    # The protocol has stdout to itself: keep a private copy of it and point file descriptor 1
    # at stderr, so that anything a library prints lands among the diagnostics.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)

    def send(obj):
        protocol.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
        protocol.flush()

    try:
        import cv2
        import mediapipe
        from mediapipe.python.solutions import pose as mp_pose

        version = mediapipe.__version__
        # model_complexity=1 is the full landmark model, which the wheel ships (0 and 2 would
        # be downloaded at run time).
        pose = mp_pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True,
                            enable_segmentation=False)
    except Exception as error:
        log_error("the model failed to load", error)
        send({"ready": False, "message": "The pose model could not be loaded."})
        return 1
    send({"ready": True, "version": version})

    stdin = sys.stdin.buffer
    while True:
        line = _read_request(stdin)
        if line is None:
            break
        if not line.strip():
            continue
        request_id = None
        try:
            if len(line) > MAX_REQUEST_BYTES:
                raise Refusal("internal", "The request is too long.")
            try:
                request = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise Refusal("internal", "The request is not a JSON object.")
            if not isinstance(request, dict):
                raise Refusal("internal", "The request is not a JSON object.")
            request_id = request.get("id")
            if not isinstance(request_id, str):
                request_id = None
                raise Refusal("internal", "The request has no id.")
            reply = analyse(cv2, pose, version, request)
            log(f"{_safe_id(request_id)}: ok, {reply['frames']} frames, "
                f"{reply['framesWithPerson']} with a person, {reply['processingSeconds']} s")
            send({"id": request_id, **reply})
        except Refusal as refusal:
            log(f"{_safe_id(request_id)}: {refusal.code}")
            send({"id": request_id, "ok": False, "error": refusal.code, "message": refusal.message})
        except Exception as error:
            log_error(f"{_safe_id(request_id)}: internal error", error)
            send({"id": request_id, "ok": False, "error": "internal",
                  "message": MESSAGES["internal"]})
    pose.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
