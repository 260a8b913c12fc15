#!/usr/bin/env python3
"""Time from an emergency check-in to its notice accepted by a real SMTP server (aiosmtpd), on loopback.

Starts tools/mail/smtp_sink.py and `kneerehab serve --smtp` on a fresh SQLite file, adds a clinician and COUNT
patients, then sends one emergency check-in per patient, one after another, and times each from the moment the
check-in is sent until the sink has stored the notice. Prints the median, p99 and worst in milliseconds.

Usage: tools/load/notice_latency.py PYTHON_WITH_AIOSMTPD [COUNT]   (KNEEREHAB_BINARY picks the binary;
default .build/release/kneerehab)
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

PASSWORD = "correct horse battery"


def call(base, path, body, token=None):
    request = urllib.request.Request(base + "/api/v1/" + path, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def main(python, count):
    binary = os.path.realpath(os.environ.get("KNEEREHAB_BINARY", ".build/release/kneerehab"))
    work = tempfile.mkdtemp()
    database = os.path.join(work, "clinic.sqlite")
    folder = os.path.join(work, "mail")
    subprocess.run([binary, "user", "add", "--role", "clinician", "--email", "ana@clinic.test", "--name", "Ana",
                    "--database", database], input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    sink = subprocess.Popen([python, "tools/mail/smtp_sink.py", folder], stdout=subprocess.PIPE,
                            stdin=subprocess.PIPE, text=True)
    port = int(sink.stdout.readline().split()[1])
    server = subprocess.Popen([binary, "serve", "--port", "0", "--database", database, "--smtp",
                               f"smtp://127.0.0.1:{port}", "--mail-from", "rehab@clinic.test"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    base = None
    while base is None:
        line = server.stdout.readline()
        if line.startswith("KneeRehab is running at "):
            base = line.split()[-1].rstrip("/")
    try:
        today = datetime.date.today().isoformat()
        token = call(base, "auth/login", {"email": "ana@clinic.test", "password": PASSWORD})["token"]
        patients = []
        for number in range(count):
            created = call(base, "patients", {"name": f"P{number}", "email": f"p{number}@home.test", "surgery": {
                "kind": "total-knee-replacement", "side": "left", "date": today}}, token)
            patients.append(call(base, "auth/claim", {"inviteCode": created["inviteCode"],
                                                      "password": PASSWORD})["token"])
        times = []
        for number, patient in enumerate(patients):
            started = time.monotonic()
            call(base, "me/checkins", {"date": today, "painAtRest": 3, "chestPainOrBreathless": True}, patient)
            while len([n for n in os.listdir(folder) if n.endswith(".json")]) <= number if os.path.isdir(folder) \
                    else True:
                time.sleep(0.002)
                if time.monotonic() - started > 30:
                    raise SystemExit(f"notice {number + 1} did not arrive within 30 s")
            times.append((time.monotonic() - started) * 1000)
        times.sort()
        print(f"{count} notices: median {times[len(times) // 2]:.0f} ms, "
              f"p99 {times[min(len(times) - 1, int(len(times) * 0.99))]:.0f} ms, worst {times[-1]:.0f} ms")
    finally:
        server.terminate()
        server.wait()
        sink.stdin.close()
        sink.terminate()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
