"""What keeps the HTTP service bounded: the work gate and the request guard in front of the app.

The guard is plain ASGI, ahead of FastAPI's body parsing, so that a request is
judged in the cheapest order: API key and declared size (headers only), admission
(a slot in the gate, or 429), then the body counted as it streams in, each chunk
within a time limit. Only an admitted request of allowed size is held in memory,
so memory is bounded by (concurrency + queue) × the largest body. Refused
requests have their body read and discarded up to a cap before the answer, so a
client that sends everything before reading still gets the JSON error instead
of a reset connection. A client that disconnects, or a request past its time
budget, has its work cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from summarizer.service.settings import Settings

T = TypeVar("T")
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger("summarizer.service.app")

# Route → the largest body it needs. One text: JSON may spell each character as a
# six-byte \uXXXX escape; the 64 KB allows for the rest (options, inline glossary).
_SINGLE_TEXT_ROUTES = ("/v1/summarize", "/v1/translate", "/v1/facts")
_SMALL_BODY = 64_000

_cancelled: ContextVar[threading.Event | None] = ContextVar("cancelled", default=None)


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class WorkCancelled(Exception):
    """The request this work was for has gone: the client left or its time ran out."""


def check_cancelled() -> None:
    """Called by long work between steps (each article of a digest); raises when cancelled."""
    event = _cancelled.get()
    if event is not None and event.is_set():
        raise WorkCancelled()


def body_limits(settings: Settings) -> dict[str, int]:
    single = settings.max_text_chars * 6 + _SMALL_BODY
    digest = min(settings.max_articles * single, settings.max_digest_bytes)
    return {route: single for route in _SINGLE_TEXT_ROUTES} | {"/v1/digest": digest}


class WorkGate:
    """Admission (at most concurrency + queue_size requests inside) and a work semaphore.

    A slot is released when its worker thread ends, not when the request gives
    up on it, so abandoned work still counts against the concurrency.
    """

    def __init__(self, concurrency: int, queue_size: int, retry_after_s: int) -> None:
        self.concurrency = concurrency
        self.capacity = concurrency + queue_size
        self.retry_after_s = retry_after_s
        self.admitted = 0
        self.active = 0
        self._semaphore = asyncio.Semaphore(concurrency)

    @property
    def waiting(self) -> int:
        return max(0, self.admitted - self.active)

    def admit(self) -> bool:
        if self.admitted >= self.capacity:
            return False
        self.admitted += 1
        return True

    def leave(self) -> None:
        self.admitted -= 1

    def busy_error(self) -> ApiError:
        return ApiError(
            429,
            "busy",
            f"server busy: {self.active} working, {self.waiting} waiting; retry later",
            {"Retry-After": str(self.retry_after_s)},
        )

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        await self._semaphore.acquire()
        self.active += 1
        cancel = threading.Event()
        task = asyncio.ensure_future(run_in_threadpool(_with_cancel_event, cancel, work, *args))
        task.add_done_callback(self._finished)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            cancel.set()  # the thread stops at its next check_cancelled()
            raise

    def _finished(self, task: asyncio.Future) -> None:
        self.active -= 1
        self._semaphore.release()
        if not task.cancelled() and isinstance(task.exception(), WorkCancelled):
            log.info("cancelled work stopped")


def _with_cancel_event(cancel: threading.Event, work: Callable[..., T], *args: Any) -> T:
    _cancelled.set(cancel)
    return work(*args)


def error_message(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> tuple[Message, Message]:
    """The two ASGI messages of a JSON error answer, for refusals made before the app runs."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return (
        {"type": "http.response.start", "status": status, "headers": raw_headers},
        {"type": "http.response.body", "body": body},
    )


class _Refused(Exception):
    def __init__(self, error: ApiError, drain: bool = True) -> None:
        self.error, self.drain = error, drain


class RequestGuard:
    """ASGI middleware: key, admission, size and time limits, cancellation and the request log."""

    def __init__(
        self, app: Callable[[dict, Receive, Send], Awaitable[None]], settings: Settings
    ) -> None:
        self.app = app
        self.settings = settings
        self.limits = body_limits(settings)

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [0]

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            if scope["method"] in ("POST", "PUT", "PATCH"):
                await self._guarded(scope, receive, send_logged)
            else:
                await self.app(scope, receive, send_logged)
        except Exception:
            status[0] = status[0] or 500  # answered by Starlette's outermost error middleware
            raise
        finally:
            articles = scope.get("state", {}).get("articles")
            if articles is None and scope["path"] in _SINGLE_TEXT_ROUTES:
                articles = 1
            log.info(
                "%s %s %d %.1f ms%s",
                scope["method"],
                scope["path"],
                status[0] or 499,  # 499: the client left before an answer
                (time.perf_counter() - started) * 1000,
                f" articles={articles}" if articles is not None else "",
            )

    async def _guarded(self, scope: dict, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        gate: WorkGate = scope["app"].state.service.gate
        admitted = False
        try:
            self._check_key(scope["path"], headers)
            limit = self.limits.get(scope["path"], _SMALL_BODY)
            self._check_declared_length(headers, limit)  # before admission: costs no slot
            if not gate.admit():
                raise _Refused(gate.busy_error())
            admitted = True
            body = await self._read_body(limit, receive)
            await self._run_app(scope, body, receive, send)
        except _Refused as refused:
            await self._refuse(refused, headers, receive, send)
        finally:
            if admitted:
                gate.leave()

    def _check_key(self, path: str, headers: dict[str, str]) -> None:
        expected = self.settings.api_key
        if not expected or not path.startswith("/v1/"):
            return
        given = headers.get("x-api-key")
        if not given:
            raise _Refused(
                ApiError(401, "unauthorized", "missing API key: send it in the X-API-Key header")
            )
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise _Refused(ApiError(401, "unauthorized", "wrong API key"))

    @staticmethod
    def _check_declared_length(headers: dict[str, str], limit: int) -> None:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise _Refused(
                ApiError(
                    413,
                    "too_large",
                    f"request body is {int(length):,} bytes; the limit is {limit:,}",
                )
            )

    async def _read_body(self, limit: int, receive: Receive) -> bytes:
        """The body, counted as it streams in (a chunked body declares no length)."""
        chunks: list[bytes] = []
        size = 0
        more = True
        # A trickle (a byte every few seconds) never trips the per-part limit; the whole body
        # must also arrive within the request time budget, or it holds a slot indefinitely.
        deadline = time.monotonic() + self.settings.request_timeout_s
        while more:
            if time.monotonic() > deadline:
                raise _Refused(
                    ApiError(
                        408,
                        "request_timeout",
                        f"the request body did not arrive within the "
                        f"{self.settings.request_timeout_s:g} s time budget",
                    ),
                    drain=False,
                )
            message = await self._receive_in_time(receive)
            if message["type"] == "http.disconnect":
                raise _Refused(ApiError(400, "disconnected", "client disconnected"), drain=False)
            chunk = message.get("body", b"")
            size += len(chunk)
            more = message.get("more_body", False)
            if size > limit:
                # drain only what is still to come: after the last part, receive() would wait
                raise _Refused(
                    ApiError(413, "too_large", f"request body is over the {limit:,}-byte limit"),
                    drain=more,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    async def _receive_in_time(self, receive: Receive) -> Message:
        timeout = self.settings.client_timeout_s
        try:
            return await asyncio.wait_for(receive(), timeout)
        except TimeoutError:
            raise _Refused(
                ApiError(
                    408,
                    "request_timeout",
                    f"the request body did not arrive within {timeout:g} s of the last part",
                ),
                drain=False,
            ) from None

    async def _run_app(self, scope: dict, body: bytes, receive: Receive, send: Send) -> None:
        """Hand the body on; cancel the app when the client leaves or the time budget runs out."""
        replayed = False
        gone = asyncio.Event()
        started = [False]

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send_tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                started[0] = True
            await send(message)

        async def watch_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        app_task = asyncio.ensure_future(self.app(scope, replay, send_tracked))
        watcher = asyncio.ensure_future(watch_disconnect())
        try:
            done, _ = await asyncio.wait(
                {app_task, watcher},
                timeout=self.settings.request_timeout_s,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if app_task in done:
                app_task.result()
                return
            app_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await app_task
            if watcher in done:
                log.info("client left %s; its work was cancelled", scope["path"])
            elif not started[0]:
                budget = self.settings.request_timeout_s
                for message in error_message(
                    503, "timeout", f"request took longer than the {budget:g} s time budget"
                ):
                    await send(message)
        finally:
            watcher.cancel()

    async def _refuse(
        self, refused: _Refused, headers: dict[str, str], receive: Receive, send: Send
    ) -> None:
        if refused.error.code == "disconnected":
            return
        if refused.drain:
            await self._drain(headers, receive)
        error = refused.error
        for message in error_message(error.status, error.code, error.message, error.headers):
            await send(message)

    async def _drain(self, headers: dict[str, str], receive: Receive) -> None:
        """Read and discard the rest of the body (up to a cap), so the client reads our answer."""
        cap = self.settings.drain_cap_bytes
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            return
        drained = 0
        with contextlib.suppress(_Refused):
            while drained <= cap:
                message = await self._receive_in_time(receive)
                if message["type"] == "http.disconnect":
                    return
                drained += len(message.get("body", b""))
                if not message.get("more_body", False):
                    return
