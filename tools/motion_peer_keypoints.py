#!/usr/bin/env python3
"""Turn a video into a KneeRehab keypoint document with MediaPipe Pose (BlazePose-33).

Not part of the build: a helper to produce *real* pose-estimator streams for testing
`kneerehab analyze`. Needs mediapipe==0.10.21 (the last wheel that bundles the pose model)
and opencv-python-headless; see docs/motion.md for the install recipe.

    python3 tools/motion_peer_keypoints.py VIDEO.mp4 OUT.json [--digits 4]
"""
import argparse
import json

import cv2
import mediapipe as mp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video")
    parser.add_argument("out")
    parser.add_argument("--digits", type=int, default=4, help="decimals kept per value")
    args = parser.parse_args()

    pose = mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=True)
    cap = cv2.VideoCapture(args.video)
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
    frames = []
    index = 0
    while True:
        ok, image = cap.read()
        if not ok:
            break
        result = pose.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
        if result.pose_landmarks is None:
            frames.append(None)
        else:
            r = lambda v: round(float(v), args.digits)
            frames.append({
                "t": round(index / fps, 6),
                "keypoints": [[r(p.x), r(p.y), r(p.z), r(p.visibility)]
                              for p in result.pose_landmarks.landmark],
            })
        index += 1
    document = {
        "layout": "blazepose33",
        "fps": fps,
        "image": {"width": width, "height": height},
        "source": {"estimator": "mediapipe", "model": "pose_landmark_full", "version": mp.__version__},
        "frames": frames,
    }
    with open(args.out, "w") as handle:
        json.dump(document, handle, separators=(",", ":"))


if __name__ == "__main__":
    main()
