"""The SDK's TLS context loads its CA certificates at the first handshake (synth_pools._tls).

A plain-HTTP backend never pays for them; an HTTPS one is verified exactly as httpx's default
does it: a self-signed server is refused, and trusted once SSL_CERT_FILE names its certificate.
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from synth_pools import APIConnectionError, EnvironmentPoolsClient
from synth_pools._tls import DeferredTrustContext
from synth_pools_server.launcher import LocalBackend


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"features": {}, "limits": {}}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()


def test_plain_http_never_loads_the_ca_bundle(backend: LocalBackend) -> None:
    context = DeferredTrustContext()
    with httpx.Client(base_url=backend.base_url, verify=context, headers=backend.headers()) as client:
        assert client.get("/v1/capabilities").status_code == 200
    assert context.cert_store_stats()["x509_ca"] == 0
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname


def test_an_untrusted_https_server_is_refused(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    client = EnvironmentPoolsClient(api_key="sk_test", backend_base=url, max_retries=0)
    with client, pytest.raises(APIConnectionError) as raised:
        client.capabilities.get()
    assert "CERTIFICATE_VERIFY_FAILED" in repr(raised.value.__cause__) + str(raised.value)


def test_ssl_cert_file_is_trusted_as_httpx_does(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with EnvironmentPoolsClient(api_key="sk_test", backend_base=url, max_retries=0) as client:
        assert "features" in client.capabilities.get()
