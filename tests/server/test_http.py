"""The HTTP server's limits, probed with raw sockets: body cap, timeouts, threads, connections, backlog."""

from __future__ import annotations

import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from graph.server import Limits, SparqlServer
from graph.server.app import EXTENSION
from tests.server.conftest import CHEAP, ask

pytestmark = pytest.mark.slow

MiB = 1 << 20
GET_CHEAP = f"GET /sparql?{urllib.parse.urlencode({'query': CHEAP})} HTTP/1.1\r\nHost: x\r\n\r\n".encode()


@pytest.fixture(scope="module")
def server(store_dir) -> Iterator[SparqlServer]:
    limits = Limits(channel_timeout=2, threads=4, connections=300)
    with SparqlServer(store_dir, port=0, workers=1, limits=limits) as running:
        running.start()
        yield running


def _connect(server: SparqlServer, timeout: float = 10) -> socket.socket:
    host, port = server.url.split("/")[2].split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def _status(sock: socket.socket) -> int | None:
    """The status of the answer on ``sock``; None when it was closed without one."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except ConnectionResetError:
        pass
    return int(data.split()[1]) if data.startswith(b"HTTP/") else None


def _rss() -> int:
    """This process's resident memory, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def _post(headers: str) -> bytes:
    return f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n{headers}\r\n".encode()


@pytest.mark.parametrize(("head", "body", "expected"), [
    (_post("Content-Length: -1\r\n"), b"ASK {}" * 100, 400),
    (_post("Content-Length: abc\r\n"), b"ASK {}", 400),
    (_post(f"Content-Length: {2 * MiB}\r\n"), b"", 413),
    (_post("Transfer-Encoding: chunked\r\n"), (b"%x\r\n%s\r\n" % (64 * 1024, b"#" * 64 * 1024)) * 40, 413),
], ids=["negative length", "length not a number", "length over the cap", "chunked body over the cap"])
def test_bad_or_oversized_bodies_get_a_4xx_without_a_traceback(server, capfd, caplog, head, body, expected):
    with _connect(server) as sock:
        sock.sendall(head)
        try:
            sock.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert _status(sock) == expected
    assert ask(server.url, CHEAP)[0] == 200
    assert "Traceback" not in capfd.readouterr().err + caplog.text


def test_an_endless_body_does_not_grow_the_server(server):
    before = _rss()
    block = b"#" * MiB
    with _connect(server) as sock:
        sock.sendall(_post("Content-Length: -1\r\n"))
        try:
            for _ in range(128):
                sock.sendall(block)
            sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        _status(sock)
    assert _rss() - before < 32 * MiB


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> bool:
    """True when the server closes ``sock`` within ``seconds``, while ``trickle`` is sent a
    byte at a time."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.3)
    sent = 0
    while time.monotonic() < deadline:
        try:
            if sent < len(trickle):
                sock.sendall(trickle[sent:sent + 1])
                sent += 1
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            return True
    return False


@pytest.mark.parametrize("trickle", [b"", b"GET /sparql?query=" + b"A" * 200],
                         ids=["idle", "trickling"])
def test_idle_and_trickling_connections_are_closed(server, trickle):
    with _connect(server) as sock:
        assert _closed_within(sock, 8, trickle)


def test_slow_connections_hold_no_thread_and_others_are_served(server):
    before = threading.active_count()
    held = [_connect(server) for _ in range(150)]
    try:
        for sock in held:
            sock.sendall(b"GET /sparql?query=ASK")
        assert ask(server.url, CHEAP)[0] == 200
        assert threading.active_count() <= before + 1
    finally:
        for sock in held:
            sock.close()


def test_clients_over_the_connection_limit_wait_until_one_closes(store_dir):
    with SparqlServer(store_dir, port=0, workers=1, limits=Limits(connections=3, channel_timeout=30)) as server:
        server.start()
        held = [_connect(server) for _ in range(3)]
        for sock in held:  # answered, so accepted: each holds a connection, idle
            sock.sendall(GET_CHEAP)
            assert _status(sock) == 200
        with _connect(server, timeout=1.5) as waiting:
            waiting.sendall(GET_CHEAP)
            with pytest.raises(TimeoutError):
                waiting.recv(1)
            held.pop().close()
            waiting.settimeout(10)
            assert _status(waiting) == 200
        for sock in held:
            sock.close()


def _retransmissions(sock: socket.socket) -> int:
    """TCP segments (SYN included) the kernel had to send again on ``sock`` (Linux tcp_info)."""
    return struct.unpack_from("I", sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104), 100)[0]


def test_a_burst_of_connections_is_queued_not_dropped(server):
    host, port = server.url.split("/")[2].split(":")
    burst = []
    for _ in range(200):
        sock = socket.socket()
        sock.setblocking(False)
        sock.connect_ex((host, int(port)))
        burst.append(sock)
    try:
        for sock in burst:
            sock.settimeout(30)
            sock.sendall(GET_CHEAP)
        assert [_status(sock) for sock in burst] == [200] * 200
        assert sum(_retransmissions(sock) for sock in burst) == 0
    finally:
        for sock in burst:
            sock.close()


def _answer(sock: socket.socket) -> tuple[list[bytes], bytes, bool]:
    """The status line and headers (``Date`` left out) of one answer on ``sock``, its body, and
    whether the server then closed the connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = next(int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(65536)
    sock.settimeout(0.5)
    try:
        closed = sock.recv(1) == b""
    except TimeoutError:
        closed = False
    sock.settimeout(10)
    return [line for line in lines if not line.startswith(b"Date:")], body, closed


@pytest.mark.parametrize(("version", "headers", "closed"), [
    ("1.1", "", False),
    ("1.1", "Connection: close\r\n", True),
    ("1.0", "", True),
    ("1.0", "Connection: keep-alive\r\n", False),
], ids=["1.1", "1.1 close", "1.0", "1.0 keep-alive"])
def test_a_known_fast_get_is_answered_by_the_reading_thread_as_a_request_thread_would(
        server, monkeypatch, version, headers, closed):
    pool = server.app.extensions[EXTENSION].pool
    monkeypatch.setattr(pool, "fast_under", 60)  # any answer counts as fast: no timing in the test
    threads: list[str] = []
    run_here = pool._run_here
    monkeypatch.setattr(pool, "_run_here", lambda *args: threads.append(threading.current_thread().name)
                        or run_here(*args))
    query = urllib.parse.urlencode({"query": f"{CHEAP} # {version} {headers}"})
    request = f"GET /sparql?{query} HTTP/{version}\r\nHost: x\r\nAccept: text/csv\r\n{headers}\r\n".encode()
    answers = []
    for _ in range(3):  # a worker's answer through a request thread, then the reading thread's twice
        with _connect(server) as sock:
            sock.sendall(request)
            answers.append(_answer(sock))
    assert threads == ["claimgraph-serve"] * 2  # SparqlServer.start's thread, which reads requests
    assert answers[0][0][0] == f"HTTP/{version} 200 OK".encode() and answers[0][2] is closed
    assert answers == [answers[0]] * 3
