"""The app's end of :mod:`app.instance`: a QLocalServer taking one JSON line per connection.

Whatever arrives, the client gets an answer or a closed connection, never a hang: a line
that is not a request of this version (:mod:`app.language.wire`) is refused with the reason,
and a line longer than :data:`MAX_LINE` is refused before it can fill memory. Qt closes a
QLocalServer, and removes its socket file, when an ``accept`` fails (out of file
descriptors, say); the server notices within :data:`RELISTEN_MS` and listens again.
"""

import contextlib
import itertools
import json
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.instance import socket_path
from app.language import requests as rq
from app.language import wire

log = logging.getLogger(__name__)
MAX_LINE = 64 * 1024
"""A forwarded command line with a note of 2000 characters is under 10 kB."""
RELISTEN_MS = 2000
BAD_REQUEST = "flowtally: error: bad request\n"
NOT_FORWARDED = "flowtally: error: not a forwarded command\n"


class InstanceServer(QObject):
    command_received = Signal(int, object)  # request id, Invocation
    raise_requested = Signal()
    activation_token = Signal(str)
    """The client's ``XDG_ACTIVATION_TOKEN`` (a desktop shortcut's launch gives one), just
    before its command: the window it brings up may then take the keyboard on Wayland."""

    def __init__(self, database: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = str(socket_path(database))
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._waiting: dict[int, QLocalSocket] = {}
        self._ids = itertools.count(1)
        self._watch = QTimer(self)
        self._watch.setInterval(RELISTEN_MS)
        self._watch.timeout.connect(self._keep_listening)

    def listen(self) -> bool:
        """Listen, replacing a socket file left by an app that was killed (the caller holds
        the instance lock, so no live app owns it)."""
        QLocalServer.removeServer(self.path)
        listening = self._server.listen(self.path)
        self._watch.start()
        return listening

    def close(self) -> None:
        self._watch.stop()
        self._server.close()

    def _keep_listening(self) -> None:
        if self._server.isListening():
            return
        if self.listen():
            log.warning("the command socket had closed (%s); listening again", self._problem())

    def _problem(self) -> str:
        return self._server.errorString() or "unknown error"

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.setReadBufferSize(MAX_LINE + 1)
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() > MAX_LINE:
                self._refuse(connection, BAD_REQUEST)
            return
        try:
            message = json.loads(bytes(connection.readLine(MAX_LINE + 1).data()))
        except (ValueError, RecursionError):
            message = None
        try:
            invocation = wire.decode(message)
        except wire.WireError as exc:
            self._refuse(connection, f"flowtally: error: {exc}\n")
            return
        if isinstance(message, dict) and (token := wire.activation_token(message)):
            self.activation_token.emit(token)
        if invocation.request is None:
            self.raise_requested.emit()
            self._send(connection, {"code": 0})
            return
        if not rq.forwarded(invocation.request):  # a client runs these in its terminal
            self._refuse(connection, NOT_FORWARDED)
            return
        request_id = next(self._ids)
        self._waiting[request_id] = connection
        self.command_received.emit(request_id, invocation)

    def hold(self, request_id: int) -> QLocalSocket | None:
        """Keep the connection of ``request_id`` open for :meth:`push` (``status --follow``)
        instead of answering it once."""
        return self._waiting.pop(request_id, None)

    @staticmethod
    def push(connection: QLocalSocket, out: str) -> None:
        """One more line to a held connection (a client gone: nothing happens)."""
        with contextlib.suppress(RuntimeError):
            if connection.state() == QLocalSocket.LocalSocketState.ConnectedState:
                connection.write(json.dumps({"out": out, "more": True}).encode() + b"\n")
                connection.flush()

    def reply(self, request_id: int, code: int, out: str, err: str) -> None:
        connection = self._waiting.pop(request_id, None)
        if connection is not None:
            self._send(connection, {"code": code, "out": out, "err": err})

    @classmethod
    def _refuse(cls, connection: QLocalSocket, err: str) -> None:
        cls._send(connection, {"code": 2, "out": "", "err": err})

    @staticmethod
    def _send(connection: QLocalSocket, answer: dict[str, object]) -> None:
        with contextlib.suppress(RuntimeError):  # the client went away
            connection.write(json.dumps(answer).encode() + b"\n")
            connection.flush()
            connection.disconnectFromServer()
