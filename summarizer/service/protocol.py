"""HTTP/1.1 connections that must send their request headers in time.

uvicorn times out idle keep-alive connections and the request guard times out
slow bodies, but nothing bounds a client that opens a connection and trickles
its header lines (slowloris): it would hold a connection forever. This protocol
gives every request's headers a deadline from the moment the connection is
ready for them, and answers 408 and closes when it passes.
"""

from __future__ import annotations

import asyncio
import os

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_ENV = "SUMMARIZER_HEADER_TIMEOUT_S"
DEFAULT_HEADER_TIMEOUT_S = 15.0
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: application/json\r\n"
    b"connection: close\r\n"
    b"content-length: %d\r\n\r\n%s"
)


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's headers."""

    header_timeout_s: float | None = None  # set by protocol_with_header_timeout

    @property
    def _timeout(self) -> float:
        if self.header_timeout_s is not None:
            return self.header_timeout_s
        # worker processes are spawned afresh: the server passes the setting down in the environment
        return float(os.environ.get(HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT_S))

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        self._header_deadline = self.loop.call_later(self._timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        deadline = getattr(self, "_header_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._header_deadline = None

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None:
            self._disarm()  # the headers are in: the body has the request guard's own limits

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()
        if not self.transport.is_closing():
            self._arm()  # a kept-alive connection owes the next request's headers in time

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self.transport.is_closing() or (
            self.cycle is not None and not self.cycle.response_complete
        ):
            return
        seconds = f"{self._timeout:g}"
        body = (
            b'{"error": {"code": "request_timeout", "message": "the request headers did not arrive within '
            + seconds.encode()
            + b' s"}}'
        )
        self.transport.write(_TIMEOUT_ANSWER % (len(body), body))
        self.transport.close()


def protocol_with_header_timeout(seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol for uvicorn's ``http=`` option in this process, with its deadline."""
    return type("HeaderDeadline", (HeaderDeadlineProtocol,), {"header_timeout_s": seconds})
