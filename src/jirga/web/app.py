"""The workbench app: :func:`create_app` builds one FastAPI instance around one case.

Everything the page needs is served from the package — the HTML, script and styles
under ``static/`` and the report's own plotly.js bundle — so the workbench runs with no
network. Requests larger than :data:`MAX_BODY_BYTES` are refused before they are read
into memory, and when the server listens on the loopback interface only requests that
name a loopback host are answered (a web page elsewhere cannot reach it by DNS
rebinding).
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from jirga.case.schema import Case
from jirga.errors import InputError
from jirga.web import problems
from jirga.web.jobs import Jobs
from jirga.web.state import Workbench
from jirga.web.workspace import Workspace

MAX_BODY_BYTES = 1_000_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class BoundedFull(OrderedDict):
    """The latest full analyses, per (scenario, version); the oldest are dropped."""

    def __init__(self, size: int = 6) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class Guard:
    """ASGI middleware: body-size limit and, optionally, the loopback Host check."""

    def __init__(self, app: Any, max_bytes: int, hosts: tuple[str, ...] | None,
                 state: Any = None) -> None:
        self.app, self.max_bytes, self.hosts, self.state = app, max_bytes, hosts, state

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.hosts is not None and getattr(self.state, "loopback_only", True):
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                await self._refuse(send, 421, "host", f"requests for '{host}' are not served here",
                                   "open the workbench at http://127.0.0.1:PORT/")
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(send, 413, "body", f"the request is larger than {self.max_bytes:,} bytes",
                               "send a smaller case or article")
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise problems.ApiError(413, "the request is too large")
            return message

        await self.app(scope, counted, send)

    @staticmethod
    async def _refuse(send: Any, status: int, field: str, message: str, fix: str) -> None:
        resp = problems.response(status, message, [problems.ProblemItem(field=field, message=message,
                                                                        fix=fix)])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", problems.PROBLEM_TYPE.encode()),
                                (b"content-length", str(len(resp.body)).encode())]})
        await send({"type": "http.response.body", "body": resp.body})


def static_dir() -> Path:
    return Path(str(resources.files("jirga.web").joinpath("static")))


def create_app(case: Case, workspace: Path, *, source: Path | None = None,
               file_name: str | None = None, loopback_only: bool = False,
               max_budget: str = "standard") -> FastAPI:
    """The workbench on ``case``; files are read and written only under ``workspace``.

    ``max_budget`` is the largest budget re-run while a request waits (larger ones run as
    full-run jobs).
    """
    from jirga.web.api import router

    text = None
    if source is not None:
        try:
            text = source.read_text(encoding="utf-8-sig")
        except OSError:
            text = None
    jobs = Jobs()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        app.state.workbench.engine.helper.start()  # spawned now, warm by the first edit
        yield
        jobs.shutdown()
        app.state.workbench.engine.helper.close()

    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN, and the
    # workbench works offline; the description is at /openapi.json
    app = FastAPI(title="jirga workbench", version=_version(), lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Explore a case, edit it, re-run the models, compare scenarios, "
                              "save, and code articles into events. Errors are problem JSON "
                              "(application/problem+json) with field paths and fixes.")
    app.state.workbench = Workbench(case, Workspace(workspace), source=source, source_text=text,
                                    file_name=file_name, max_budget=max_budget)
    app.state.jobs = jobs
    app.state.full = BoundedFull()
    app.state.plotly = None
    app.add_exception_handler(RequestValidationError, problems.on_validation_error)
    app.add_exception_handler(problems.ApiError, problems.on_api_error)
    app.add_exception_handler(InputError, problems.on_input_error)
    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir() / "index.html", headers={"Cache-Control": "no-store"})

    @app.get("/vendor/plotly.js", include_in_schema=False)
    def plotly() -> Response:
        # the report's own bundle (from the installed plotly package): one copy for both
        if app.state.plotly is None:
            from jirga.report.figures import plotly_js

            app.state.plotly = plotly_js()
        return Response(app.state.plotly, media_type="text/javascript",
                        headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.state.loopback_only = loopback_only
    app.add_middleware(Guard, max_bytes=MAX_BODY_BYTES, hosts=LOOPBACK_HOSTS if loopback_only else None,
                       state=app.state)
    return app


def _version() -> str:
    from jirga import __version__

    return __version__
