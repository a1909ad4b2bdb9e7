"""The app's end of :mod:`app.instance`: a QLocalServer taking one JSON line per connection."""

import contextlib
import itertools
import json

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.instance import socket_path


class InstanceServer(QObject):
    command_received = Signal(int, list)  # request id, argv
    raise_requested = Signal()

    def __init__(self, database: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(socket_path(database))
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._waiting: dict[int, QLocalSocket] = {}
        self._ids = itertools.count(1)

    def listen(self) -> bool:
        """Listen, replacing a socket file left by an app that was killed (the caller holds
        the instance lock, so no live app owns it)."""
        QLocalServer.removeServer(self.path)
        return self._server.listen(self.path)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        try:
            message = json.loads(bytes(connection.readLine().data()))
        except ValueError:
            self._send(connection, {"code": 2, "err": "flowtally: error: bad request\n"})
            return
        if message.get("raise"):
            self.raise_requested.emit()
            self._send(connection, {"code": 0})
            return
        argv = message.get("argv")
        if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
            self._send(connection, {"code": 2, "err": "flowtally: error: bad request\n"})
            return
        request_id = next(self._ids)
        self._waiting[request_id] = connection
        self.command_received.emit(request_id, argv)

    def reply(self, request_id: int, code: int, out: str, err: str) -> None:
        connection = self._waiting.pop(request_id, None)
        if connection is not None:
            self._send(connection, {"code": code, "out": out, "err": err})

    @staticmethod
    def _send(connection: QLocalSocket, answer: dict[str, object]) -> None:
        with contextlib.suppress(RuntimeError):  # the client went away
            connection.write(json.dumps(answer).encode() + b"\n")
            connection.flush()
            connection.disconnectFromServer()
