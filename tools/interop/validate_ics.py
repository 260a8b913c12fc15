#!/usr/bin/env python3
"""Checks iCalendar files (RFC 5545) as KneeRehab's calendar feed writes them.

1. Bytes: every line ends in CRLF (no bare CR or LF), no physical line is longer than 75 octets, each physical
   line is valid UTF-8 on its own (folding never split a character), continuation lines start with one space.
2. It parses with PyPI `icalendar` (tools/interop/requirements.txt) without errors.
3. Required properties: VERSION 2.0 and PRODID on the calendar; UID (unique), DTSTAMP (in UTC) and DTSTART on
   each event; ACTION and TRIGGER on each alarm, and DESCRIPTION on a DISPLAY alarm.
4. Time zones: every TZID used has a VTIMEZONE; each VTIMEZONE observance has DTSTART, TZOFFSETFROM and
   TZOFFSETTO; an UNTIL with a zoned DTSTART is in UTC; for a TZID the zone database knows, the VTIMEZONE gives
   its offsets every day from the first event for up to five years (to the last UNTIL when sooner), at midnight,
   noon and the events' time, where that wall-clock time exists exactly once.

Usage: python3 tools/interop/validate_ics.py FILE... Prints one line per problem, `FILE: problem`, and exits 1
when there is any; prints nothing and exits 0 otherwise.
"""
import datetime
import sys
import zoneinfo

import icalendar

MAX_OCTETS = 75
CHECK_YEARS = 5


def byte_problems(data):
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {number}: a bare CR or LF")
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not valid UTF-8 on its own (a character split by folding?)")
        if line.startswith(b"  ") and number > 1:
            problems.append(f"line {number}: a continuation line starts with more than one space")
        if number == 1 and line[:1] in (b" ", b"\t"):
            problems.append("line 1: the file starts with a continuation line")
    return problems


def required_problems(calendar):
    problems = []
    if str(calendar.get("VERSION", "")) != "2.0":
        problems.append("VCALENDAR: VERSION is not 2.0")
    if not calendar.get("PRODID"):
        problems.append("VCALENDAR: no PRODID")
    uids = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        label = f"VEVENT {uid or '(no UID)'}"
        if not uid:
            problems.append("VEVENT: no UID")
        elif uid in uids:
            problems.append(f"{label}: UID repeated")
        uids.add(uid)
        for name in ("DTSTAMP", "DTSTART"):
            if name not in event:
                problems.append(f"{label}: no {name}")
        stamp = event.get("DTSTAMP")
        if stamp is not None and stamp.dt.utcoffset() != datetime.timedelta(0):
            problems.append(f"{label}: DTSTAMP is not in UTC")
        rule = event.get("RRULE")
        start = event.get("DTSTART")
        if rule is not None and start is not None and "UNTIL" in rule and start.params.get("TZID"):
            for until in rule["UNTIL"]:
                if not isinstance(until, datetime.datetime) or until.utcoffset() != datetime.timedelta(0):
                    problems.append(f"{label}: UNTIL is not in UTC though DTSTART has a TZID")
        for alarm in event.walk("VALARM"):
            for name in ("ACTION", "TRIGGER"):
                if name not in alarm:
                    problems.append(f"{label}: VALARM without {name}")
            if str(alarm.get("ACTION", "")).upper() == "DISPLAY" and "DESCRIPTION" not in alarm:
                problems.append(f"{label}: DISPLAY alarm without DESCRIPTION")
    return problems


def used_tzids(calendar):
    tzids = set()
    for component in calendar.walk():
        for value in component.values():
            for item in value if isinstance(value, list) else [value]:
                params = getattr(item, "params", None)
                if params and params.get("TZID"):
                    tzids.add(str(params["TZID"]))
    return tzids


def timezone_problems(calendar):
    problems = []
    defined = {}
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = str(vtimezone.get("TZID", ""))
        defined[tzid] = vtimezone
        observances = vtimezone.walk("STANDARD") + vtimezone.walk("DAYLIGHT")
        if not observances:
            problems.append(f"VTIMEZONE {tzid}: no STANDARD or DAYLIGHT")
        for observance in observances:
            for name in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if name not in observance:
                    problems.append(f"VTIMEZONE {tzid}: {observance.name} without {name}")
    for tzid in sorted(used_tzids(calendar) - set(defined)):
        problems.append(f"TZID {tzid} is used but has no VTIMEZONE")
    if problems:
        return problems
    for tzid, vtimezone in defined.items():
        problems += offset_problems(calendar, tzid, vtimezone)
    return problems


def offset_problems(calendar, tzid, vtimezone):
    try:
        system = zoneinfo.ZoneInfo(tzid)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return []
    written = vtimezone.to_tz(lookup_tzid=False)
    starts, last = [], None
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        if start is None or str(start.params.get("TZID", "")) != tzid:
            continue
        starts.append(start.dt.replace(tzinfo=None))
        rule = event.get("RRULE")
        if rule is not None and "UNTIL" in rule:
            until = rule["UNTIL"][0]
            if isinstance(until, datetime.datetime):
                until = until.astimezone(system).replace(tzinfo=None) if until.tzinfo else until
            else:
                until = datetime.datetime.combine(until, datetime.time())
            last = until if last is None else max(last, until)
    if not starts:
        return []
    first = min(starts)
    end = first + datetime.timedelta(days=365 * CHECK_YEARS)
    if last is not None:
        end = min(end, last)
    day = first
    while day <= end:
        for moment in (day.replace(hour=0), day.replace(hour=12), day):
            if not plain_local_time(moment, system):
                continue
            expected = moment.replace(tzinfo=system).utcoffset()
            found = moment.replace(tzinfo=written).utcoffset()
            if expected != found:
                return [
                    f"VTIMEZONE {tzid}: offset {found} at {moment.isoformat()} local,"
                    f" the zone database says {expected}"
                ]
        day += datetime.timedelta(days=1)
    return []


def plain_local_time(moment, zone):
    """Whether a wall-clock time happens exactly once in the zone: not skipped by a clock change, not repeated."""
    aware = moment.replace(tzinfo=zone)
    back = aware.astimezone(datetime.timezone.utc).astimezone(zone).replace(tzinfo=None)
    return back == moment and aware.utcoffset() == moment.replace(tzinfo=zone, fold=1).utcoffset()


def check(path):
    with open(path, "rb") as handle:
        data = handle.read()
    problems = byte_problems(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # any parse failure is a problem to report, not a crash
        return problems + [f"icalendar cannot parse it: {error}"]
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problems.append(f"{component.name}: icalendar reports {error}")
    return problems + required_problems(calendar) + timezone_problems(calendar)


def main(paths):
    if not paths:
        print("usage: validate_ics.py FILE...", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        for problem in check(path):
            print(f"{path}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
