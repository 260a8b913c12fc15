#!/usr/bin/env python3
"""Checks CSV files as KneeRehab's exports write them: a patient's long table, the clinic's RTM month or the
audit trail.

1. Bytes: UTF-8 without a byte order mark; RFC 4180 records, each ending in CRLF (a bare CR or LF may appear only
   inside a quoted field), the last one too.
2. It reads with Python's csv module; the header is one of the two known column lists (docs/interop.md) and every
   record has one field per column.
3. Patient table: dates are real YYYY-MM-DD dates in order, `kind` is session, exercise, check-in, measurement
   or score, `side` is empty, left or right, and `value` is a number wherever `unit` is a unit of measure.
5. Audit trail: times are ISO 8601, newest first; actions are stored names; roles are known; no name starts
   like a spreadsheet formula.
4. RTM month: dates are real dates, the supply period runs 30 days, `supplyPeriod.daysWithData` is the number of
   `dataDays` and they lie in the period, `supplyPeriod.code` agrees with it (98985 for 2-15, 98977 for 16-30,
   empty below 2), `interactive` is true or false, and the management codes are 98979, 98980 or 98981.

Usage: python3 tools/interop/validate_csv.py FILE... Prints one line per problem, `FILE: problem`, and exits 1
when there is any; prints nothing and exits 0 otherwise.
"""
import csv
import datetime
import io
import sys

PATIENT_COLUMNS = ["date", "kind", "item", "side", "value", "unit", "method", "detail"]
RTM_COLUMNS = [
    "month", "patientId", "patientName", "setUpDate", "supplyPeriod.start", "supplyPeriod.end",
    "supplyPeriod.daysWithData", "supplyPeriod.code", "dataDays", "minutes", "interactive",
    "interactiveExchanges", "managementCodes",
]
AUDIT_COLUMNS = [
    "at", "action", "accountId", "accountName", "accountEmail", "accountRole", "patientId", "patientName", "origin",
    "subjectAccountId", "subjectEmail",
]
ROLES = {"", "admin", "clinician", "patient"}
KINDS = {"session", "exercise", "check-in", "measurement", "score"}
NUMERIC_UNITS = {"count", "s", "min", "cm", "kg", "deg", "N", "Cel", "step", "0-10", "0-28", "0-80", "0-100"}
MANAGEMENT_CODES = {"98979", "98980", "98981"}


def byte_problems(data):
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a byte order mark")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"not UTF-8: {error}")
    quoted = False
    record = 1
    previous = None
    for index, byte in enumerate(data):
        if byte == 0x22:
            quoted = not quoted
        elif not quoted and byte == 0x0A and previous != 0x0D:
            problems.append(f"record {record}: ends in a bare LF")
        elif not quoted and byte == 0x0D and (index + 1 >= len(data) or data[index + 1] != 0x0A):
            problems.append(f"record {record}: a bare CR outside quotes")
        if not quoted and byte == 0x0A:
            record += 1
        previous = byte
    if quoted:
        problems.append("a quoted field never ends")
    if data and not data.endswith(b"\r\n"):
        problems.append("the last record does not end in CRLF")
    return problems


def day(text):
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def patient_problems(rows):
    problems, last = [], None
    for line, row in rows:
        date = day(row["date"])
        if date is None:
            problems.append(f"record {line}: date {row['date']!r} is not YYYY-MM-DD")
        elif last is not None and date < last:
            problems.append(f"record {line}: dates go backwards")
        last = date or last
        if row["kind"] not in KINDS:
            problems.append(f"record {line}: unknown kind {row['kind']!r}")
        if row["side"] not in ("", "left", "right"):
            problems.append(f"record {line}: unknown side {row['side']!r}")
        if row["unit"] in NUMERIC_UNITS and row["value"] != "" and not number(row["value"]):
            problems.append(f"record {line}: value {row['value']!r} is not a number though its unit is {row['unit']}")
        if not row["item"]:
            problems.append(f"record {line}: no item")
    return problems


def rtm_problems(rows):
    problems = []
    for line, row in rows:
        start, end = day(row["supplyPeriod.start"]), day(row["supplyPeriod.end"])
        if start is None or end is None:
            problems.append(f"record {line}: the supply period's dates are not YYYY-MM-DD")
            continue
        if (end - start).days != 29:
            problems.append(f"record {line}: the supply period is not 30 days")
        if row["setUpDate"] and day(row["setUpDate"]) is None:
            problems.append(f"record {line}: setUpDate is not YYYY-MM-DD")
        data_days = [day(text) for text in row["dataDays"].split()]
        if any(d is None or not start <= d <= end for d in data_days):
            problems.append(f"record {line}: a data day is not a date in the supply period")
        if str(len(set(data_days))) != row["supplyPeriod.daysWithData"]:
            problems.append(f"record {line}: daysWithData is not the number of dataDays")
        count = len(set(data_days))
        expected = "98977" if count >= 16 else "98985" if count >= 2 else ""
        if row["supplyPeriod.code"] != expected:
            problems.append(f"record {line}: supply code {row['supplyPeriod.code']!r} for {count} days")
        if row["interactive"] not in ("true", "false"):
            problems.append(f"record {line}: interactive is not true or false")
        if not row["minutes"].isdigit() or not row["interactiveExchanges"].isdigit():
            problems.append(f"record {line}: minutes and interactiveExchanges are not whole numbers")
        if not set(row["managementCodes"].split()) <= MANAGEMENT_CODES:
            problems.append(f"record {line}: unknown management code in {row['managementCodes']!r}")
    return problems


def audit_problems(rows):
    problems, last = [], None
    for line, row in rows:
        try:
            at = datetime.datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"record {line}: at {row['at']!r} is not an ISO 8601 time")
            continue
        if last is not None and at > last:
            problems.append(f"record {line}: not newest first")
        last = at
        if not row["action"] or "." not in row["action"]:
            problems.append(f"record {line}: action {row['action']!r} is not a stored action name")
        if bool(row["subjectAccountId"]) != bool(row["subjectEmail"]):
            problems.append(f"record {line}: subjectAccountId and subjectEmail come together")
        if row["accountRole"] not in ROLES:
            problems.append(f"record {line}: unknown role {row['accountRole']!r}")
        for name in ("accountName", "accountEmail", "patientName", "origin", "subjectEmail"):
            if row[name][:1] in ("=", "+", "-", "@"):
                problems.append(f"record {line}: {name} starts like a formula")
    return problems


def check(path):
    with open(path, "rb") as handle:
        data = handle.read()
    problems = byte_problems(data)
    try:
        records = list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""), strict=True))
    except csv.Error as error:
        return problems + [f"the csv module cannot read it: {error}"]
    if not records:
        return problems + ["no header"]
    header = records[0]
    if header not in (PATIENT_COLUMNS, RTM_COLUMNS, AUDIT_COLUMNS):
        return problems + [f"unknown header {header}"]
    rows = []
    for line, record in enumerate(records[1:], start=2):
        if len(record) != len(header):
            problems.append(f"record {line}: {len(record)} fields, the header has {len(header)}")
        else:
            rows.append((line, dict(zip(header, record))))
    if header == AUDIT_COLUMNS:
        return problems + audit_problems(rows)
    return problems + (patient_problems(rows) if header == PATIENT_COLUMNS else rtm_problems(rows))


def main(paths):
    if not paths:
        print("usage: validate_csv.py FILE...", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        for problem in check(path):
            print(f"{path}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
