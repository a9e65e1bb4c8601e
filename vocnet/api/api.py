"""The one NinjaAPI object: authentication, error mapping, and each app's router."""

from __future__ import annotations

from vocnet.api.auth import ApiTokenAuth, CsrfSessionAuth
from vocnet.api.errors import install_error_handlers
from vocnet.api.openapi import DocumentedErrorsAPI

api = DocumentedErrorsAPI(
    title="vocnet API",
    version="1.0",
    description=(
        "경기 직업교육 생태계 플랫폼 vocnet의 API입니다. 브라우저는 세션(로그인)으로, 다른 "
        "시스템은 `Authorization: Bearer <토큰>` 으로 인증합니다.\n\n"
        "The API of vocnet, the platform of Gyeonggi's vocational-education ecosystem. "
        "Browsers authenticate with their session; machines with `Authorization: Bearer "
        "<token>`. Errors carry `code`, `message_ko`, `message_en` and per-field `errors`."
    ),
    auth=[ApiTokenAuth(), CsrfSessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)


def _mount_routers() -> None:
    from vocnet.accounts.api import router as accounts_router
    from vocnet.agreements.api import router as agreements_router
    from vocnet.clearinghouse.api import router as clearinghouse_router
    from vocnet.courses.api import router as courses_router
    from vocnet.demand.api import router as demand_router
    from vocnet.pathways.api import router as pathways_router
    from vocnet.placements.api import router as placements_router
    from vocnet.privacy.api import router as privacy_router
    from vocnet.programmes.api import router as programmes_router
    from vocnet.registry.api import router as registry_router
    from vocnet.registry.api_excel import router as excel_router
    from vocnet.spreadsheets.api import router as spreadsheets_router

    api.add_router("/", accounts_router)
    api.add_router("/", registry_router)
    api.add_router("/", excel_router)
    api.add_router("/", spreadsheets_router)
    api.add_router("/", agreements_router)
    api.add_router("/", demand_router)
    api.add_router("/", pathways_router)
    api.add_router("/", placements_router)
    api.add_router("/", clearinghouse_router)
    api.add_router("/", privacy_router)
    api.add_router("/", programmes_router)
    api.add_router("/", courses_router)


_mount_routers()
