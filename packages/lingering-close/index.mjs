// Lingering close, as nginx and Apache do it: when the server answers before
// it has read the whole request body (a 413 for a 20 MB sign-in, say) and
// closes the connection, node closes the socket with the client's unread
// bytes still in it, and the kernel then sends a TCP reset. A reset that
// reaches the client before its program has read the answer makes its kernel
// throw the answer away: the client sees EPIPE or ECONNRESET instead of the
// 413 (about one try in seven here, every try when the client is slow to read).
//
// With this installed, such a connection is only half-closed after the
// answer: the server sends FIN, goes on reading and discarding what the
// client still sends, and closes once the client closes its side or after
// LINGER_MS, whichever comes first. Connections whose request was read in
// full close exactly as before.

/** The longest a half-closed connection keeps draining (nginx's lingering_time is 30 s). */
export const LINGER_MS = 5_000;

const CURRENT_REQUEST = Symbol("taskgate.lingeringClose.request");

/**
 * @param {import("node:http").Server} server
 * @param {{ lingerMs?: number }} [options]
 */
export function installLingeringClose(server, { lingerMs = LINGER_MS } = {}) {
  server.on("request", (req) => {
    req.socket[CURRENT_REQUEST] = req;
  });
  server.on("connection", (socket) => {
    // node's HTTP server calls destroySoon() once the last response of a
    // connection that will not be kept alive is handed to the socket.
    const destroySoon = socket.destroySoon;
    socket.destroySoon = function lingeringDestroySoon() {
      const req = socket[CURRENT_REQUEST];
      if (!req || req.complete) return destroySoon.call(socket);
      linger(socket, lingerMs);
    };
  });
}

/** @param {import("node:net").Socket} socket */
function linger(socket, lingerMs) {
  const close = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(close, lingerMs);
  timer.unref();
  socket.once("end", close);
  socket.once("close", () => clearTimeout(timer));
  // The request stream was already dumped by node, so what still arrives is
  // read and thrown away; end() sends FIN once the answer is written.
  socket.resume();
  socket.end();
}
