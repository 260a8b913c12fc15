#!/usr/bin/env python3
"""Checks KneeRehab's OpenAPI document (Sources/RehabWeb/Resources/openapi.json).

1. It is a valid OpenAPI 3.1 document (`openapi-spec-validator`).
2. Every route the server has is documented, with an operationId, and every /api/v1 route but login and
   claim requires bearerAuth.
3. Every example in the document, and the example bodies of the public interface listed below (check-in,
   patient record, session, scores, errors), validate against their schemas (`jsonschema`, installed with
   `openapi-spec-validator`).

Usage: python3 tools/check_openapi.py [PATH]. Prints one line; exits 1 on the first failure.
CI: `pip install openapi-spec-validator` first.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "Sources" / "RehabWeb" / "Resources" / "openapi.json"

# Route → methods, as registered in Sources/RehabWeb/Controllers/*.swift.
ROUTES = {
    "/health": ["get"],
    "/metrics": ["get"],
    "/openapi.json": ["get"],
    "/api/v1/auth/login": ["post"],
    "/api/v1/auth/claim": ["post"],
    "/api/v1/auth/logout": ["post"],
    "/api/v1/me/session": ["get"],
    "/api/v1/me/second-factor": ["get", "post"],
    "/api/v1/me/second-factor/confirm": ["post"],
    "/api/v1/admin/second-factor": ["get", "put"],
    "/api/v1/admin/second-factors": ["get"],
    "/api/v1/admin/second-factors/{id}": ["delete"],
    "/api/v1/me/password": ["post"],
    "/api/v1/me/sign-out-everywhere": ["post"],
    "/api/v1/patients/{id}/invite": ["post"],
    "/api/v1/patients": ["get", "post"],
    "/api/v1/patients/{id}": ["get"],
    "/api/v1/patients/{id}/record": ["get"],
    "/api/v1/alerts": ["get"],
    "/api/v1/alerts/{id}/acknowledge": ["post"],
    "/api/v1/patients/{id}/program": ["post"],
    "/api/v1/me/plan": ["get"],
    "/api/v1/me/language": ["put"],
    "/api/v1/me/sessions": ["post"],
    "/api/v1/me/checkins": ["post"],
    "/api/v1/me/questionnaires/{instrument}": ["post"],
    "/api/v1/me/recordings/{exercise}": ["post"],
    "/api/v1/patients/{id}/measurements": ["get", "post"],
    "/api/v1/patients/{id}/measurements/{measurement}/strike": ["post"],
    "/api/v1/me/measurements": ["post"],
    "/api/v1/patients/{id}/discharge": ["post"],
    "/api/v1/patients/{id}/reopen": ["post"],
    "/api/v1/patients/{id}/surgery": ["post"],
    "/api/v1/admin/patients": ["get"],
    "/api/v1/admin/patients/{id}/reassign": ["post"],
    "/api/v1/me/videos/{exercise}": ["post"],
    "/api/v1/patients/{id}/export": ["get"],
    "/api/v1/patients/{id}/time": ["get", "post"],
    "/api/v1/rtm": ["get"],
    "/api/v1/me/calendar.ics": ["get"],
    "/api/v1/me/calendar/link": ["post"],
    "/api/v1/me/messages": ["get", "post"],
    "/api/v1/patients/{id}/messages": ["get", "post"],
    "/api/v1/me/reminders": ["get", "post"],
    "/api/v1/admin/audit": ["get"],
    "/api/v1/me/calendar/settings": ["post"],
    "/api/v1/patients/{id}/report": ["get"],
    "/api/v1/patients/{id}/report.pdf": ["get"],
}

# Example bodies of the public interface (check-in, patient record, session, scores, errors), with the schema each
# must satisfy.
CONTRACT_EXAMPLES = [
    ("CheckIn", {
        "date": "2026-11-21", "painAtRest": 2, "painMorning": 3, "swelling": "mild",
        "temperatureCelsius": 37.2, "woundRedness": False, "woundDrainage": False,
        "calfPainOrSwelling": False, "chestPainOrBreathless": False, "giveWay": False,
        "kneeLocked": False, "footNumbOrCold": False}),
    ("PatientRecord", {
        "surgery": {"kind": "acl-reconstruction", "side": "right", "date": "2026-10-01"},
        "sessions": [{"date": "2026-11-20", "painAfter": 3,
                      "exercises": [{"id": "wall-squat", "sets": 3, "reps": 10, "holdSeconds": 10,
                                     "painDuring": 2, "difficulty": "easy"}]}],
        "checkIns": [{"date": "2026-11-21", "painMorning": 1, "swelling": "none"}],
        "measurements": [{"date": "2026-11-19", "kind": "knee-flexion", "side": "right", "value": 115}]}),
    ("NewSession", {"date": "2026-11-20", "painAfter": 3,
                    "exercises": [{"id": "wall-squat", "sets": 3, "reps": 10, "holdSeconds": 10,
                                   "painDuring": 2, "difficulty": "easy"}]}),
    ("NewPatient", {"name": "Alex", "email": "alex@example.org",
                    "surgery": {"kind": "total-knee-replacement", "side": "left", "date": "2026-11-01"}}),
    ("LoginRequest", {"email": "a@example.org", "password": "secret"}),
    ("TriageResult", {"level": "urgent", "reasons": [{"rule": "fever", "level": "urgent", "message": "…"}]}),
    ("QuestionnaireAnswers", {"pain": 4}),
    ("QuestionnaireScore", {"instrument": "koos-jr", "raw": 7, "score": 68.284}),
    ("QuestionnaireScore", {"instrument": "koos",
                            "scores": {"pain": 86.1, "symptoms": 70.0, "adl": 90.0, "sport": None, "qol": 50.0},
                            "answered": {}}),
    ("Error", {"error": {"code": "invalid-field", "message": "painMorning 12 is outside 0–10",
                         "field": "painMorning"}}),
]
# Bodies that must be refused.
CONTRACT_COUNTER_EXAMPLES = [
    ("CheckIn", {"date": "2026-11-21", "painMorning": 11}),
    ("CheckIn", {"painMorning": 1}),
    ("Surgery", {"kind": "hip-replacement", "side": "left", "date": "2026-11-01"}),
    ("QuestionnaireScore", {"instrument": "nprs", "score": 12}),
]


def fail(message):
    print(f"check_openapi: FAIL: {message}")
    sys.exit(1)


def main():
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    try:
        from openapi_spec_validator import validate
    except ImportError:
        fail("openapi-spec-validator is not installed (pip install openapi-spec-validator)")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        fail(f"{path}: cannot read JSON: {error}")
    if not str(document.get("openapi", "")).startswith("3.1"):
        fail(f"{path}: openapi is {document.get('openapi')!r}, expected 3.1.x")
    try:
        validate(document)
    except Exception as error:  # the validator's own error types vary by version
        fail(f"{path}: invalid OpenAPI: {str(error).splitlines()[0]}")

    paths = document.get("paths", {})
    for route, methods in ROUTES.items():
        if route not in paths:
            fail(f"missing path {route}")
        for method in methods:
            operation = paths[route].get(method)
            if operation is None:
                fail(f"missing operation {method.upper()} {route}")
            if not operation.get("operationId"):
                fail(f"{method.upper()} {route} has no operationId")
            if route.startswith("/api/v1/") and route not in ("/api/v1/auth/login", "/api/v1/auth/claim"):
                if operation.get("security") != [{"bearerAuth": []}]:
                    fail(f"{method.upper()} {route} does not require bearerAuth")

    checked = check_examples(document)
    print(f"check_openapi: OK: {path.name} is valid OpenAPI {document['openapi']}, "
          f"{sum(len(m) for m in ROUTES.values())} operations on {len(ROUTES)} paths, {checked} examples checked")


def check_examples(document):
    try:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        return 0
    base = "urn:kneerehab:openapi"
    registry = Registry().with_resource(base, Resource.from_contents(document, default_specification=DRAFT202012))

    def validator(*pointer):
        """A validator for the schema at this JSON pointer of the document, so its `#/…` refs resolve."""
        escaped = "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in pointer)
        return Draft202012Validator(
            {"$ref": f"{base}#/{escaped}"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def component(name):
        return validator("components", "schemas", name)

    def first_error(schema_validator, instance):
        error = next(iter(sorted(schema_validator.iter_errors(instance), key=lambda e: list(e.path))), None)
        return None if error is None else f"{'/'.join(map(str, error.path)) or '(root)'}: {error.message}"

    count = 0
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        if "example" in schema:
            problem = first_error(component(name), schema["example"])
            if problem:
                fail(f"example of schema {name} does not validate: {problem}")
            count += 1
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            places = [(("requestBody", "content"), operation.get("requestBody", {}).get("content", {}))]
            places += [(("responses", status, "content"), response.get("content", {}))
                       for status, response in operation["responses"].items()]
            for where, content in places:
                for media_type, media in content.items():
                    examples = ([media["example"]] if "example" in media else []) + [
                        example["value"] for example in media.get("examples", {}).values() if "value" in example]
                    for example in examples:
                        schema = validator("paths", route, method, *where, media_type, "schema")
                        problem = first_error(schema, example)
                        if problem:
                            fail(f"example in {method.upper()} {route} does not validate: {problem}")
                        count += 1
    for name, body in CONTRACT_EXAMPLES:
        problem = first_error(component(name), body)
        if problem:
            fail(f"interface example of {name} does not validate: {problem}")
        count += 1
    for name, body in CONTRACT_COUNTER_EXAMPLES:
        if first_error(component(name), body) is None:
            fail(f"schema {name} accepts a body it must refuse: {json.dumps(body)}")
        count += 1
    return count


if __name__ == "__main__":
    main()
