"""The real ``label-studio-ml`` server, started on 127.0.0.1 for the remote recogniser's tests.

label-studio-ml (1.0.9, its release on PyPI) pins Flask 1.1.2, Jinja2 3.0.3 and Werkzeug 2.0.2,
which would downgrade the dev environment's Jinja2 (spaCy's), so it lives in an environment of its
own: ``make ml-backend`` (which ``make test`` runs) creates ``.venv/ml-backend`` beside the dev
environment. ``ANNOTATOR_ML_BACKEND_PYTHON`` may name another interpreter that has it.
``why_not()`` says why no server can be started, for a test's skip message. ``FakeService``
answers as a test tells it to (a 2.x backend, one wanting a token, one held back).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

APP = Path(__file__).parent / "core" / "ml_backend_app.py"


def python() -> Path:
    named = os.environ.get("ANNOTATOR_ML_BACKEND_PYTHON")
    return Path(named) if named else Path(sys.prefix) / "ml-backend" / "bin" / "python"


def why_not() -> str | None:
    interpreter = python()
    if not interpreter.exists():
        return (f"no label-studio-ml environment at {interpreter} (make ml-backend creates it; "
                "or set ANNOTATOR_ML_BACKEND_PYTHON)")
    found = subprocess.run([str(interpreter), "-c", "import label_studio_ml.api"], capture_output=True, text=True)
    if found.returncode:
        return f"{interpreter} cannot import label_studio_ml: {found.stderr.strip().splitlines()[-1:]}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BackendServer:
    """``ml_backend_app.py`` served by label-studio-ml's Flask app; ``state`` holds what it learned."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.state = Path(tempfile.mkdtemp(prefix="annotator-ml-backend-"))
        self.log = self.state / "server.log"
        self.process: subprocess.Popen | None = None

    def start(self, seconds: float = 30.0) -> "BackendServer":
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([str(python()), str(APP), str(self.port), str(self.state)],
                                            stdout=log, stderr=subprocess.STDOUT, cwd=self.state)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the ML backend ended: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as answer:
                    if json.load(answer).get("status") == "UP":
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the ML backend did not start in {seconds:g} s")

    def trained_tasks(self) -> list[dict]:
        return json.loads((self.state / "trained.json").read_text(encoding="utf-8"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class FakeService:
    """A stdlib HTTP server answering as ``routes`` say: {(method, path): f(body) -> (status, json)}."""

    def __init__(self, routes):
        self.routes = routes
        self.requests: list[tuple[str, str, dict, object]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                owner.requests.append((method, self.path, dict(self.headers), body))
                route = owner.routes.get((method, self.path))
                status, answer = route(body) if route else (404, {"detail": "no such route"})
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
