"""The bench client times the two sides of a ratio taking turns."""

import http.server
import threading

import pytest

from bench.client import Client, Probe


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (the handler's method name is http.server's)
        type(self).seen.append(self.path)
        status = 500 if self.path == "/broken" else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Queries", "2" if self.path == "/ours" else "0")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Recorder.seen = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_compare_takes_turns_and_times_only_after_the_warm_up(server):
    client = Client("127.0.0.1", server.server_address[1])

    ours, baseline = client.compare(
        Probe("GET", "/ours"), Probe("GET", "/baseline"), repeat=3, warmup=1
    )

    assert _Recorder.seen == ["/ours", "/baseline"] * 4
    assert len(ours.millis) == len(baseline.millis) == 3
    assert ours.queries == [2, 2, 2]
    assert baseline.queries == [0, 0, 0]


def test_compare_refuses_an_unexpected_status(server):
    client = Client("127.0.0.1", server.server_address[1])

    with pytest.raises(RuntimeError, match="/broken answered 500"):
        client.compare(Probe("GET", "/ours"), Probe("GET", "/broken"), repeat=1, warmup=0)
