"""The published OpenAPI document says what every operation may answer: besides its own
responses, the bilingual error body (``ErrorSchema``) for each status the error mapping of
``vocnet.api.errors`` can give any operation. A client (and the schemathesis stage of CI)
can then rely on the document for every status it receives."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from vocnet.api.schemas import ErrorSchema

# Status → description. Every operation can answer these: bad input (422, or 400 for a
# domain rule), no or a wrong credential (401), a persona without the right (403), an object
# the caller may not see (404), a state that forbids the change (409), an oversized body (413),
# an upload of another file type (415).
ERROR_RESPONSES: dict[int, str] = {
    400: "요청 오류 / Bad request",
    401: "인증 필요 / Sign-in required",
    403: "권한 없음 / Permission denied",
    404: "찾을 수 없음 / Not found",
    409: "상태 충돌 / Conflict with the current state",
    413: "요청이 너무 큼 / Request too large",
    415: "지원하지 않는 형식 / Unsupported file or media type",
    422: "입력값 오류 / Invalid input (each field named in errors)",
}

_METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``ErrorSchema`` in its components and, on every operation, an error
    response for each status of ``ERROR_RESPONSES`` the operation does not declare itself."""
    ref_template = "#/components/schemas/{model}"
    error_json = ErrorSchema.model_json_schema(ref_template=ref_template)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(error_json.pop("$defs", {}))
    components[ErrorSchema.__name__] = error_json
    ref = {"$ref": ref_template.format(model=ErrorSchema.__name__)}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            declared = {str(code) for code in responses}
            for status, description in ERROR_RESPONSES.items():
                if str(status) not in declared:
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": ref}},
                    }
    return schema


class DocumentedErrorsAPI(NinjaAPI):
    """``NinjaAPI`` whose OpenAPI document carries the standard error responses."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return add_error_responses(super().get_openapi_schema(**kwargs))
