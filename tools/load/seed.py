#!/usr/bin/env python3
"""Seeds a running KneeRehab server over HTTP for the load test: one clinician's N patients (created through
the API, each with a plan revision) and bearer tokens of the first 100, written one per line to TOKENS. Each
MORE_TOKENS_FILE gets the next 100 patients' tokens, so every write test can start from fresh histories.

usage: seed.py BASE_URL CLINICIAN_EMAIL PASSWORD N TOKENS_FILE CLINICIAN_TOKEN_FILE [MORE_TOKENS_FILE ...]
"""
import json
import sys
import urllib.request


def post(url, body, token=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def main():
    base, email, password, count, tokens_file, clinician_file = sys.argv[1:7]
    token_files = [tokens_file] + sys.argv[7:]
    wanted = 100 * len(token_files)
    clinician = post(base + "/api/v1/auth/login", {"email": email, "password": password})["token"]
    kinds = ["total-knee-replacement", "acl-reconstruction", "meniscus-repair", "partial-meniscectomy",
             "mcl-reconstruction", "medial-knee-pain"]
    tokens = []
    for index in range(int(count)):
        created = post(base + "/api/v1/patients", {
            "name": "Load Patient %d" % index, "email": "load-%d@load.test" % index,
            "surgery": {"kind": kinds[index % len(kinds)], "side": "left" if index % 2 else "right",
                        "date": "2026-10-%02d" % (1 + index % 28)}}, clinician)
        if len(tokens) < wanted:  # each claim is a bcrypt hash (cost 12): 100 patients' tokens are plenty
            claimed = post(base + "/api/v1/auth/claim", {"inviteCode": created["inviteCode"],
                                                          "password": "load-test-password"})
            tokens.append(claimed["token"])
    for index, name in enumerate(token_files):
        with open(name, "w") as handle:
            handle.write("\n".join(tokens[100 * index:100 * (index + 1)]) + "\n")
    with open(clinician_file, "w") as handle:
        handle.write(clinician + "\n")


if __name__ == "__main__":
    main()
