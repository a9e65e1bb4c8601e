"""The OpenAPI document that /api/docs renders: valid enough for Swagger UI to show it."""

from __future__ import annotations

import json

from vocnet.api.api import api


def test_no_operation_declares_a_response_status_twice() -> None:
    # Given the published document
    schema = api.get_openapi_schema(path_prefix="/api")

    # Then every operation's response codes are distinct once written as JSON keys
    # (200 and "200" side by side make two "200" keys, and Swagger UI drops the whole document)
    duplicated = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = [str(code) for code in operation.get("responses", {})]
            if len(codes) != len(set(codes)):
                duplicated.append(f"{method.upper()} {path}")
    assert duplicated == []
    json.loads(json.dumps(schema))
