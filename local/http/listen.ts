import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starting and stopping the local runtime's `node:http` servers: the API Gateway emulator, the AWS
 * emulator and the simulators all listen on loopback, on a given port or one the kernel picks.
 */
export interface Listening {
  port: number;
  /** `http://127.0.0.1:<port>` (brackets for an IPv6 host). */
  url: string;
}

/** Listens on `host:port` (0 picks a free port); rejects with the listen error, e.g. `EADDRINUSE`. */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, url: `http://${shownHost}:${address.port}` };
}

/**
 * Stops accepting connections and resolves once the server is closed. Idle keep-alive connections
 * close at once; requests in flight get `graceMs` to finish (0: cut at once).
 */
export function closeServer(server: Server, graceMs = 0): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    if (graceMs <= 0) server.closeAllConnections();
    else server.closeIdleConnections();
  });
}
