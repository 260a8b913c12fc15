#!/usr/bin/env python3
"""The cluster test: three `kneerehab serve` instances on one PostgreSQL behind nginx (tools/cluster/start.sh).

1. The whole journey through nginx: a clinician creates a patient, the patient signs in and posts sessions, the
   clinician sees them.
2. A write through one instance reaches another instance's clinician list within a second.
3. The shared sign-in throttle: five failures spread over the instances give 429 with Retry-After on every one.
4. A sign-out on one instance: the token is refused on the others within a second (repeated; the times printed).
5. Graceful drain: SIGTERM to an instance while a request is half sent: the instance stops accepting at once,
   answers that request, then exits.
6. A write load through nginx while one instance is killed (SIGKILL) and restarted, then another restarted
   gracefully (SIGTERM): every acknowledged session is stored exactly once (retries carry their Idempotency-Key)
   and no request fails during the graceful restart. Prints the recovery time after the kill.

usage: tools/cluster/test_cluster.py [KNEEREHAB_BINARY]   (stdlib only; needs nginx and PostgreSQL's initdb)
Exits 0 when every check holds; each failed check is printed on its own line.
"""
import datetime
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "cluster-test-password"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED: " + message, flush=True)
    return condition


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket, as nginx reaches the instances."""

    def __init__(self, base, timeout):
        super().__init__("localhost", timeout=timeout)
        self.base = base

    def connect(self):
        self.sock = open_socket(self.base, self.timeout)


def open_socket(base, timeout):
    """A connected socket to `base`: http://HOST:PORT, or unix:PATH for an instance on a Unix socket."""
    if base.startswith("unix:"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(base[len("unix:"):])
        except OSError:
            sock.close()
            raise
        return sock
    parsed = urllib.parse.urlparse(base)
    return socket.create_connection((parsed.hostname, parsed.port), timeout=timeout)


def http_connection(base, timeout):
    if base.startswith("unix:"):
        return UnixHTTPConnection(base, timeout)
    parsed = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)


def upstream_name(base):
    """How nginx's X-Upstream names the instance at `base`."""
    return base if base.startswith("unix:") else urllib.parse.urlparse(base).netloc


class Client:
    """One keep-alive HTTP connection to one address; reconnects after an error."""

    def __init__(self, base, timeout=30):
        self.base, self.timeout = base, timeout
        self.connection = None

    def request(self, method, path, body=None, token=None, headers=None):
        """(status, headers, parsed JSON or None); raises OSError/HTTPException on a broken connection."""
        all_headers = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        if token:
            all_headers["Authorization"] = "Bearer " + token
        if self.connection is None:
            self.connection = http_connection(self.base, self.timeout)
        try:
            self.connection.request(method, path, body=data, headers=all_headers)
            response = self.connection.getresponse()
            raw = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        parsed = None
        if raw and (response.getheader("Content-Type") or "").startswith("application/json"):
            parsed = json.loads(raw)
        return response.status, response, parsed


def deadline_poll(condition, seconds, pause=0.002):
    """Calls `condition` until it is true or `seconds` pass; the elapsed time, or None."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(pause)
    return None


def session_body(day):
    return {"date": day, "painBefore": 1, "painAfter": 2, "exercises": [
        {"id": "quad-set", "sets": 1, "reps": 10, "holdSeconds": 5, "painDuring": 1, "difficulty": "right"},
        {"id": "heel-slide", "sets": 1, "reps": 10, "painDuring": 2, "difficulty": "easy"}]}


class Cluster:
    def __init__(self, binary):
        env = dict(os.environ, KNEEREHAB_BINARY=binary)
        output = subprocess.run([os.path.join(HERE, "start.sh")], env=env, check=True, capture_output=True,
                                text=True)
        values = {}
        for line in output.stdout.splitlines():
            name, _, value = line.partition("=")
            values[name] = value.strip("'")
        self.dir = values["KNEEREHAB_CLUSTER_DIR"]
        self.url = values["KNEEREHAB_CLUSTER_URL"]
        self.database = values["KNEEREHAB_CLUSTER_DATABASE"]
        self.instances = values["KNEEREHAB_CLUSTER_INSTANCES"].split()
        self.binary = binary

    def instance(self, number, action):
        subprocess.run([os.path.join(HERE, "instance.sh"), self.dir, str(number), action], check=True)

    def stop(self):
        subprocess.run([os.path.join(HERE, "stop.sh"), self.dir], check=False)

    def add_clinician(self, email):
        subprocess.run([self.binary, "user", "add", "--role", "clinician", "--email", email, "--name",
                        "Cluster Clinician", "--database", self.database], input=PASSWORD + "\n", text=True,
                       check=True, capture_output=True, cwd=self.dir)


def sign_in(client, email, password=PASSWORD):
    status, _, body = client.request("POST", "/api/v1/auth/login", {"email": email, "password": password})
    assert status == 200, "sign-in of %s answered %d" % (email, status)
    return body["token"]


def new_patient(client, clinician, index):
    email = "patient-%d-%s@cluster.test" % (index, uuid.uuid4().hex[:8])
    status, _, created = client.request("POST", "/api/v1/patients", {
        "name": "Cluster Patient %d" % index, "email": email,
        "surgery": {"kind": "total-knee-replacement", "side": "left", "date": "2026-10-01"}}, clinician,
        headers={"Idempotency-Key": str(uuid.uuid4())})
    assert status == 201, "creating a patient answered %d" % status
    status, _, claimed = client.request("POST", "/api/v1/auth/claim",
                                        {"inviteCode": created["inviteCode"], "password": PASSWORD})
    assert status == 200, "claiming an invite answered %d" % status
    return created["id"], email, claimed["token"]


def sessions_stored(client, clinician, patient):
    status, _, record = client.request("GET", "/api/v1/patients/%s/record" % patient, token=clinician)
    assert status == 200, "the record answered %d" % status
    return len(record["sessions"])


def journey(cluster, clinician_email, today):
    """The whole journey through nginx."""
    proxy = Client(cluster.url)
    clinician = sign_in(proxy, clinician_email)
    patient, _, token = new_patient(proxy, clinician, 0)
    for _ in range(3):
        status, _, _ = proxy.request("POST", "/api/v1/me/sessions", session_body(today), token,
                                     {"Idempotency-Key": str(uuid.uuid4())})
        check(status == 201, "journey: a session through nginx answered %d" % status)
    check(sessions_stored(proxy, clinician, patient) == 3, "journey: the clinician does not see the 3 sessions")
    status, _, rows = proxy.request("GET", "/api/v1/patients", token=clinician)
    check(status == 200 and any(row["id"] == patient for row in rows), "journey: the patient is not on the list")
    print("journey through nginx: ok", flush=True)
    return clinician


def list_propagation(cluster, clinician):
    """A patient created through instance 1 shows on instance 2's list (read just before) within a second."""
    first, second = Client(cluster.instances[0]), Client(cluster.instances[1])
    status, _, before = second.request("GET", "/api/v1/patients", token=clinician)
    check(status == 200, "list: answered %d" % status)
    patient, _, _ = new_patient(first, clinician, 1)

    def listed():
        _, _, rows = second.request("GET", "/api/v1/patients", token=clinician)
        return any(row["id"] == patient for row in rows)

    elapsed = deadline_poll(listed, 1.0)
    check(elapsed is not None, "list: a new patient did not reach another instance's list within a second")
    if elapsed is not None:
        print("clinician list on another instance: %.0f ms after the write" % (elapsed * 1000), flush=True)


def shared_throttle(cluster, clinician_email):
    """Five wrong passwords spread over the three instances: 429 with Retry-After on every instance."""
    clients = [Client(base) for base in cluster.instances]
    for attempt in range(5):
        status, _, _ = clients[attempt % 3].request("POST", "/api/v1/auth/login",
                                                    {"email": clinician_email, "password": "wrong-password"})
        check(status == 401, "throttle: wrong password %d answered %d" % (attempt + 1, status))
    for number, client in enumerate(clients, 1):
        status, response, _ = client.request("POST", "/api/v1/auth/login",
                                             {"email": clinician_email, "password": PASSWORD})
        retry = response.getheader("Retry-After")
        check(status == 429 and retry is not None and int(retry) > 0,
              "throttle: instance %d answered %d (Retry-After %s) after five failures elsewhere"
              % (number, status, retry))
    print("shared throttle: 429 with Retry-After on all three instances", flush=True)


def sign_out_propagation(cluster, patient_email, rounds):
    """Sign out on instance 1; the token must be refused on instances 2 and 3 within a second."""
    clients = [Client(base) for base in cluster.instances]
    times = []
    for _ in range(rounds):
        token = sign_in(clients[0], patient_email)
        for client in clients[1:]:  # each instance now holds the sign-in in its cache
            status, _, _ = client.request("GET", "/api/v1/me/plan", token=token)
            check(status == 200, "sign-out: the fresh token answered %d" % status)
        status, _, _ = clients[0].request("POST", "/api/v1/auth/logout", token=token)
        check(status == 204, "sign-out answered %d" % status)
        for client in clients[1:]:
            elapsed = deadline_poll(
                lambda: client.request("GET", "/api/v1/me/plan", token=token)[0] == 401, 1.0, pause=0.001)
            if check(elapsed is not None, "sign-out: a token still worked on another instance after a second"):
                times.append(elapsed * 1000)
    if times:
        times.sort()
        print("sign-out reaching the other instances (%d): median %.1f ms, max %.1f ms"
              % (len(times), times[len(times) // 2], times[-1]), flush=True)


class Writer(threading.Thread):
    """Posts sessions through nginx for one patient, each with its own Idempotency-Key, retrying a key until it
    is acknowledged. Counts requests that did not succeed, by phase."""

    def __init__(self, url, token, day, phase):
        super().__init__(daemon=True)
        self.client, self.token, self.day, self.phase = Client(url, timeout=20), token, day, phase
        self.acknowledged = 0
        self.failed = {}
        self.unacknowledged = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            key = str(uuid.uuid4())
            started = time.monotonic()
            while True:
                phase = self.phase[0]
                try:
                    status, _, _ = self.client.request("POST", "/api/v1/me/sessions", session_body(self.day),
                                                       self.token, {"Idempotency-Key": key})
                except (OSError, http.client.HTTPException):
                    status = None
                if status in (200, 201):
                    self.acknowledged += 1
                    break
                self.failed[phase] = self.failed.get(phase, 0) + 1
                if time.monotonic() - started > 30:
                    self.unacknowledged += 1
                    break
                time.sleep(0.05)


def read_response(sock):
    """One HTTP/1.1 response with a Content-Length from a raw socket (what arrived, if the socket closes)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def active_posts(base):
    """How many POST requests the instance at `base` is handling now, from its /metrics."""
    connection = http_connection(base, 5)
    try:
        connection.request("GET", "/metrics")
        text = connection.getresponse().read().decode()
    finally:
        connection.close()
    for line in text.splitlines():
        if line.startswith('http_server_active_requests{http_request_method="POST"}'):
            return float(line.split()[-1])
    return 0.0


def graceful_drain(cluster, token, today):
    """SIGTERM while a session's body is half sent: new connections are refused, the request is answered."""
    body = json.dumps(session_body(today)).encode()
    held = open_socket(cluster.instances[0], 20)
    # A first request answered on the connection shows the instance has taken it (not just the kernel).
    held.sendall(b"GET /health HTTP/1.1\r\nHost: cluster\r\n\r\n")
    first = read_response(held)
    check(first.startswith(b"HTTP/1.1 200"), "drain: /health answered %r" % first[:40])
    held.sendall(("POST /api/v1/me/sessions HTTP/1.1\r\nHost: cluster\r\nAuthorization: Bearer %s\r\n"
                  "Content-Type: application/json\r\nIdempotency-Key: %s\r\nContent-Length: %d\r\n\r\n"
                  % (token, uuid.uuid4(), len(body))).encode() + body[:20])
    # The signal comes once the instance has read the request's head, so the request is in flight: a connection
    # whose request the instance has not begun counts as idle, and a stop may close it.
    check(deadline_poll(lambda: active_posts(cluster.instances[0]) >= 1, 10, pause=0.01) is not None,
          "drain: the instance never began the request")
    with open(os.path.join(cluster.dir, "instance-1.pid")) as handle:
        pid = int(handle.read())
    os.kill(pid, signal.SIGTERM)

    def refusing():
        try:
            open_socket(cluster.instances[0], 1).close()
            return False
        except (ConnectionRefusedError, FileNotFoundError):
            return True

    check(deadline_poll(refusing, 10, pause=0.01) is not None, "drain: the instance kept accepting after SIGTERM")
    held.sendall(body[20:])
    answer = read_response(held)
    held.close()
    check(answer.startswith(b"HTTP/1.1 201"), "drain: the request in flight got %r" % answer[:40])
    exited = deadline_poll(lambda: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0,
                           20, pause=0.02)
    check(exited is not None, "drain: the instance did not exit after answering")
    cluster.instance(1, "start")
    print("graceful drain: stopped accepting, answered the request in flight, exited", flush=True)


def served_by(client, instance):
    """Whether a GET through nginx was answered by the instance at `instance`."""
    try:
        status, response, _ = client.request("GET", "/health")
    except (OSError, http.client.HTTPException):
        return False
    # After a failed try nginx lists every instance it tried, the one that answered last.
    answered = (response.getheader("X-Upstream") or "").split(", ")[-1]
    return status == 200 and answered == upstream_name(instance)


def faults_under_load(cluster, clinician, today, writers_count=6):
    proxy = Client(cluster.url)
    patients = [new_patient(proxy, clinician, 10 + index) for index in range(writers_count)]
    phase = ["steady"]
    writers = [Writer(cluster.url, token, today, phase) for (_, _, token) in patients]
    for writer in writers:
        writer.start()
    progress = lambda: sum(writer.acknowledged for writer in writers)
    check(deadline_poll(lambda: progress() >= 100, 30, pause=0.01) is not None, "load: no writes acknowledged")

    phase[0] = "kill"
    killed_at = time.monotonic()
    cluster.instance(3, "kill")
    cluster.instance(3, "start")
    watcher = Client(cluster.url)
    back = deadline_poll(lambda: served_by(watcher, cluster.instances[2]), 30, pause=0.02)
    check(back is not None, "kill: the restarted instance never answered through nginx")
    if back is not None:
        print("recovery after SIGKILL: the instance served through nginx again %.2f s after the kill "
              "(restart included)" % (time.monotonic() - killed_at), flush=True)
    mark = progress()
    check(deadline_poll(lambda: progress() >= mark + 100, 30, pause=0.01) is not None,
          "kill: writes did not go on after the restart")

    phase[0] = "graceful"
    cluster.instance(2, "stop")
    cluster.instance(2, "start")
    mark = progress()
    check(deadline_poll(lambda: progress() >= mark + 100, 30, pause=0.01) is not None,
          "graceful: writes did not go on after the restart")
    phase[0] = "after"
    for writer in writers:
        writer.stop.set()
    for writer in writers:
        writer.join(60)

    failed = {}
    for writer in writers:
        for name, count in writer.failed.items():
            failed[name] = failed.get(name, 0) + count
    acknowledged = progress()
    print("load: %d sessions acknowledged; requests that failed by phase: %s" % (acknowledged, failed or "none"),
          flush=True)
    check(failed.get("graceful", 0) == 0, "graceful: %d requests failed during the graceful restart"
          % failed.get("graceful", 0))
    check(sum(writer.unacknowledged for writer in writers) == 0, "load: some sessions were never acknowledged")
    for (patient, _, _), writer in zip(patients, writers):
        stored = sessions_stored(proxy, clinician, patient)
        check(stored == writer.acknowledged, "load: %d sessions acknowledged but %d stored for one patient"
              % (writer.acknowledged, stored))
    print("load: every acknowledged session stored exactly once", flush=True)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("KNEEREHAB_BINARY", "")
    if not binary:
        binary = os.path.join(ROOT, ".build", "debug", "kneerehab")
    started = time.monotonic()
    cluster = Cluster(os.path.abspath(binary))
    try:
        today = datetime.date.today().isoformat()
        cluster.add_clinician("clinician@cluster.test")
        cluster.add_clinician("guarded@cluster.test")
        clinician = journey(cluster, "clinician@cluster.test", today)
        list_propagation(cluster, clinician)
        _, email, token = new_patient(Client(cluster.url), clinician, 2)
        sign_out_propagation(cluster, email, rounds=int(os.environ.get("SIGN_OUT_ROUNDS", "5")))
        graceful_drain(cluster, token, today)
        faults_under_load(cluster, clinician, today)
        # Last: the failures also count against this address's invite claims.
        shared_throttle(cluster, "guarded@cluster.test")
    finally:
        cluster.stop()
    print("cluster test: %d failed checks, %.0f s" % (len(failures), time.monotonic() - started), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
