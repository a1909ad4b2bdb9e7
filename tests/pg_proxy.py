"""A PostgreSQL server that can go away: a Unix-socket relay in front of the real test server.

Stopping the relay is, for a client, the server being down (its socket is gone and open
connections are cut); starting it again brings the same server, with its data, back.
"""

import contextlib
import os
import select
import socket
import tempfile
import threading
from pathlib import Path

from tests.postgres_server import PostgresServer


class PostgresRelay:
    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self.folder = Path(tempfile.mkdtemp(prefix="ft-pgrelay-"))
        self.folder.chmod(0o755)
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def _path(self) -> str:
        return str(self.folder / f".s.PGSQL.{self.server.port}")

    def url(self, database: str) -> str:
        url = self.server.url(database).set(
            query={"host": str(self.folder), "port": str(self.server.port)}
        )
        return url.render_as_string(hide_password=False)

    def start(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path)
        listener.bind(self._path)
        os.chmod(self._path, 0o777)
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """The server is down: no new connection, and every open one is cut."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path)
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(str(self.server.socketdir / f".s.PGSQL.{self.server.port}"))
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 1.0)
                for side in ready:
                    data = side.recv(65536)
                    if not data:
                        return
                    peers[side].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            a.close()
            b.close()
