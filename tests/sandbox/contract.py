"""Contract checks: is this response exactly what the OpenAPI documents allow?

`validate_response(method, url_path, status, body_json)` raises AssertionError
when the path/method is not documented, the status is not listed, the body does
not validate (JSON Schema 2020-12, uuid and RFC 3339 date-time formats
checked), or an object carries a property its schema does not declare. The
documents do not say additionalProperties: false; we check it ourselves
because the app must never depend on a field the documents do not promise.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml

BASE_PATH = "/api/v0"
# management-tokens.openapi.yml is our own invention that no real server answers: the sandbox still serves
# it (the influxctl emulator reads management tokens through it), the client must never use it.
INVENTED_DOCUMENT, OFFICIAL_DOCUMENT = "management-tokens.openapi.yml", "cloud-dedicated-management.openapi.yml"
DOCUMENTS = (INVENTED_DOCUMENT, OFFICIAL_DOCUMENT)
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
# RFC 3339 section 5.6, any number of fractional digits (the service sends 9).
_DATE_TIME = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
                        r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)\Z")


def api_dir() -> Path:
    """../shared/api beside the repository, or TOKEN_DESK_SHARED_DIR/api."""
    shared = os.environ.get("TOKEN_DESK_SHARED_DIR")
    if shared:
        return Path(shared) / "api"
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "api"


@functools.cache
def documents() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load((api_dir() / name).read_text(encoding="utf-8")) for name in DOCUMENTS)


@functools.cache
def _operations() -> tuple[tuple[re.Pattern[str], str, dict, dict], ...]:
    """(path regex, method, operation, its document) for every documented operation."""
    found = []
    for document in documents():
        for template, item in document["paths"].items():
            pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + r"\Z")
            found += [(pattern, method, item[method], document) for method in METHODS if method in item]
    return tuple(found)


def find_operation(method: str, url_path: str) -> tuple[dict, dict] | None:
    """The documented operation for a request, with its document; None when undocumented."""
    path = urlsplit(url_path).path
    if not path.startswith(BASE_PATH + "/"):
        return None
    path = path[len(BASE_PATH):]
    for pattern, documented_method, operation, document in _operations():
        if documented_method == method.lower() and pattern.match(path):
            return operation, document
    return None


def in_official_document(method: str, url_path: str) -> bool:
    """Whether the public Management API document (not the invented one) has this operation."""
    found = find_operation(method, url_path)
    return found is not None and found[1] is documents()[DOCUMENTS.index(OFFICIAL_DOCUMENT)]


def documented_paths_allow(method: str, url_path: str) -> bool:
    return find_operation(method, url_path) is not None


def _follow(node: dict, document: dict) -> dict:
    while "$ref" in node and node["$ref"].startswith("#/"):
        target: Any = document
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        if len(node) > 1:  # OpenAPI 3.1 allows siblings beside $ref: they apply too
            return {"allOf": [target, {k: v for k, v in node.items() if k != "$ref"}]}
        node = target
    return node


def format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uuid")(lambda value: not isinstance(value, str) or bool(_UUID.match(value)))
    checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value)))
    return checker


def _schema_for(operation: dict, document: dict, status: int) -> dict | None:
    """The JSON schema of a documented response; None when it has no body."""
    responses = operation.get("responses", {})
    response = responses.get(str(status)) or responses.get("default")
    assert response is not None, f"status {status} is not documented for {operation.get('operationId')}"
    response = _follow(response, document)
    if "allOf" in response:  # a response $ref with siblings, e.g. a 204 with its own description
        response = response["allOf"][0]
    content = response.get("content")
    return None if not content else content["application/json"]["schema"]


def _validate(schema: dict, document: dict, body: Any) -> None:
    # components travel with the schema so '#/components/...' references resolve inside it.
    root = {"allOf": [schema], "components": document.get("components", {})}
    validator = jsonschema.Draft202012Validator(root, format_checker=format_checker())
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    _check_no_undeclared(schema, document, body, "$")


def _declared(schema: dict, document: dict) -> tuple[dict[str, list[dict]], dict | None]:
    """Property name -> the schemas declaring it, and the item schema, across $ref/allOf/anyOf/oneOf."""
    schema = _follow(schema, document)
    properties: dict[str, list[dict]] = {name: [sub] for name, sub in schema.get("properties", {}).items()}
    items = schema.get("items")
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, []):
            part_properties, part_items = _declared(part, document)
            for name, subs in part_properties.items():
                properties.setdefault(name, []).extend(subs)
            items = items or part_items
    return properties, items


def _check_no_undeclared(schema: dict, document: dict, body: Any, where: str) -> None:
    properties, items = _declared(schema, document)
    if isinstance(body, dict):
        undeclared = sorted(set(body) - set(properties))
        assert not undeclared, f"{where} has properties the documents do not declare: {undeclared}"
        for name, value in body.items():
            _check_no_undeclared({"allOf": properties[name]}, document, value, f"{where}.{name}")
    elif isinstance(body, list) and items is not None:
        for index, value in enumerate(body):
            _check_no_undeclared(items, document, value, f"{where}[{index}]")


def validate_error_body(body: Any) -> None:
    """Errors on undocumented paths still use the documents' Error shape."""
    document = documents()[1]
    _validate({"$ref": "#/components/schemas/Error"}, document, body)


def validate_response(method: str, url_path: str, status: int, body_json: Any) -> None:
    """Raises AssertionError unless the documents allow exactly this response (body None = empty)."""
    found = find_operation(method, url_path)
    if found is None:
        assert status in (404, 405), f"{method} {url_path} is not in the documents but answered {status}"
        validate_error_body(body_json)
        return
    operation, document = found
    schema = _schema_for(operation, document, status)
    if schema is None:
        assert body_json is None, f"{operation['operationId']} {status} must have no body"
        return
    _validate(schema, document, body_json)


def validate_request(method: str, url_path: str, headers: dict[str, str], body_json: Any) -> str:
    """Raises AssertionError unless the documents allow exactly this request; returns its operationId.

    This is what a spec-validating mock checks: a documented path and method, UUID
    path parameters, bearer authentication, and a body that matches the request
    schema with no undeclared fields (or no body where none is documented).
    """
    found = find_operation(method, url_path)
    assert found is not None, f"{method} {url_path} is not a documented operation"
    operation, document = found
    _check_path_parameters(operation, document, url_path)
    assert headers.get("authorization", "").startswith("Bearer "), "requests must carry bearer authentication"
    request_body = operation.get("requestBody")
    if request_body is None:
        assert body_json is None, f"{operation['operationId']} documents no request body"
    else:
        assert headers.get("content-type", "").startswith("application/json"), "JSON bodies need their content type"
        _validate(request_body["content"]["application/json"]["schema"], document, body_json)
    return operation["operationId"]


def _check_path_parameters(operation: dict, document: dict, url_path: str) -> None:
    path = urlsplit(url_path).path[len(BASE_PATH):]
    for template in document["paths"]:
        names = re.findall(r"\{([^}]+)\}", template)
        pattern = re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)) + r"\Z"
        match = re.match(pattern, path)
        if match and any(operation is item for item in document["paths"][template].values()):
            for name, value in zip(names, match.groups()):
                assert _UUID.match(value), f"path parameter {name} must be a UUID, got {value!r}"
            return
