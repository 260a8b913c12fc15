#!/usr/bin/env python3
"""Validates KneeRehab's FHIR exports as FHIR R4 (4.0.1).

Usage: validate_fhir.py FILE...

A FILE ending in .ndjson holds one resource per line (FHIR bulk data); any other FILE holds one resource, usually
the per-patient Bundle. Each resource is checked against the R4 structure definitions by fhir.resources 6.4.0 (with
pydantic < 2): element names, cardinalities, types, code and date formats. fhir.resources does not check
codes against their value sets, so the codes of the required bindings KneeRehab writes (statuses, intent,
severity, Bundle type) are checked here against the R4 value sets. On top of that, every literal reference must
resolve: inside a Bundle to an entry's fullUrl, across NDJSON files to a `Type/id` among the files given. Full
URLs and `Type/id` pairs must be unique.

Prints one line per problem and exits 1 when there is any; prints a one-line summary and exits 0 otherwise.
Install with: python3 -m pip install -r tools/interop/requirements.txt
"""

import json
import sys

try:
    import fhir.resources
    from fhir.resources import construct_fhir_element
    from pydantic import ValidationError
except ImportError:
    print("validate_fhir.py: fhir.resources is not installed (pip install -r tools/interop/requirements.txt)")
    sys.exit(2)


OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error",
                      "unknown"}

# The R4 (4.0.1) required bindings of the coded elements KneeRehab writes: (resource type, path) -> codes.
REQUIRED_BINDINGS = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch", "batch-response",
                         "history", "searchset", "collection"},
    ("Patient", "telecom.system"): {"phone", "fax", "email", "pager", "url", "sms", "other"},
    ("Procedure", "status"): {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed",
                              "entered-in-error", "unknown"},
    ("EpisodeOfCare", "status"): {"planned", "waitlist", "active", "onhold", "finished", "cancelled",
                                  "entered-in-error"},
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("CarePlan", "activity.detail.status"): {"not-started", "scheduled", "in-progress", "on-hold", "completed",
                                             "cancelled", "stopped", "unknown", "entered-in-error"},
    ("Observation", "status"): OBSERVATION_STATUS,
    ("DetectedIssue", "status"): OBSERVATION_STATUS,
    ("DetectedIssue", "severity"): {"high", "moderate", "low"},
    ("Flag", "status"): {"active", "inactive", "entered-in-error"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
}


def values_at(value, path):
    """Yields every value at a dotted path, stepping through lists."""
    if isinstance(value, list):
        for item in value:
            yield from values_at(item, path)
    elif not path:
        yield value
    elif isinstance(value, dict) and path[0] in value:
        yield from values_at(value[path[0]], path[1:])


def check_bindings(place, data, problems):
    """Checks the codes of required bindings in a resource and, for a Bundle, in its entries."""
    kind = data.get("resourceType")
    label = f"{kind}/{data.get('id', '?')}"
    for (resource_type, path), allowed in REQUIRED_BINDINGS.items():
        if resource_type != kind:
            continue
        for code in values_at(data, path.split(".")):
            if code not in allowed:
                problems.append(f"{place}: {label}: {path}: {code!r} is not in the R4 value set")
    if kind == "Bundle":
        for index, entry in enumerate(data.get("entry", [])):
            if isinstance(entry.get("resource"), dict):
                check_bindings(f"{place}: entry[{index}]", entry["resource"], problems)


def references(value, path=""):
    """Yields (path, reference) for every literal reference string under value."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key == "reference" and isinstance(item, str):
                yield where, item
            else:
                yield from references(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from references(item, f"{path}[{index}]")


def check_structure(place, data, problems):
    """Validates one resource against R4; appends a line per problem."""
    if not isinstance(data, dict) or "resourceType" not in data:
        problems.append(f"{place}: not a FHIR resource (no resourceType)")
        return
    label = f"{data['resourceType']}/{data.get('id', '?')}"
    try:
        construct_fhir_element(data["resourceType"], data)
    except ValidationError as error:
        for detail in error.errors():
            location = ".".join(str(part) for part in detail["loc"])
            problems.append(f"{place}: {label}: {location}: {detail['msg']}")
    except (KeyError, ValueError, TypeError) as error:
        problems.append(f"{place}: {label}: {error}")


def check_bundle(place, bundle, problems):
    """Checks that full URLs are unique and every reference in the Bundle resolves to one of them."""
    urls = set()
    for index, entry in enumerate(bundle.get("entry", [])):
        url = entry.get("fullUrl")
        if url is None:
            problems.append(f"{place}: entry[{index}] has no fullUrl")
        elif url in urls:
            problems.append(f"{place}: entry[{index}]: fullUrl {url} is used twice")
        urls.add(url)
    for index, entry in enumerate(bundle.get("entry", [])):
        for where, target in references(entry.get("resource", {})):
            if target not in urls:
                problems.append(f"{place}: entry[{index}].resource.{where}: {target} is not in the Bundle")


def read_file(name, problems):
    """Returns [(place, resource)] of a file, reporting lines that are not JSON."""
    try:
        with open(name, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        problems.append(f"{name}: cannot be read ({error.strerror})")
        return []
    if not name.endswith(".ndjson"):
        try:
            return [(name, json.loads(text))]
        except json.JSONDecodeError as error:
            problems.append(f"{name}: not JSON ({error.msg} at line {error.lineno})")
            return []
    resources = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            resources.append((f"{name}:{number}", json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(f"{name}:{number}: not JSON ({error.msg})")
    return resources


def main(names):
    if not names:
        print(__doc__.strip().splitlines()[2])
        return 2
    problems = []
    loaded = [item for name in names for item in read_file(name, problems)]
    bulk = {}
    for place, data in loaded:
        check_structure(place, data, problems)
        if isinstance(data, dict):
            check_bindings(place, data, problems)
        if isinstance(data, dict) and data.get("resourceType") == "Bundle":
            check_bundle(place, data, problems)
        elif isinstance(data, dict) and ".ndjson:" in place:
            key = f"{data.get('resourceType')}/{data.get('id')}"
            if key in bulk:
                problems.append(f"{place}: {key} also appears at {bulk[key]}")
            bulk.setdefault(key, place)
    for place, data in loaded:
        if ".ndjson:" not in place or not isinstance(data, dict):
            continue
        for where, target in references(data):
            if target not in bulk:
                problems.append(f"{place}: {data.get('resourceType')}/{data.get('id')}: {where}: {target} "
                                "is not in the files given")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{len(loaded)} FHIR R{fhir.resources.__fhir_version__} documents or lines valid in {len(names)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
