import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a webhook receiver sees it: the raw body, for signature checks. */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** A real HTTP server on a free 127.0.0.1 port that records what reaches it. */
export type Receiver = {
  port: number;
  /** `http://127.0.0.1:<port>` + path. */
  url: (path?: string) => string;
  requests: ReceivedRequest[];
  /** TCP connections accepted, whether or not a request followed (a TLS hello to this plain server counts). */
  connections: () => number;
  close: () => Promise<void>;
};

/**
 * Starts a receiver that answers each request with `answer` once its body has arrived
 * (200 with an empty body unless given).
 */
export async function startReceiver(answer: (request: ReceivedRequest, response: ServerResponse) => void = (_, response) => response.end()): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer((incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? '', path: incoming.url ?? '', headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      answer(request, response);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    requests,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise((closed) => server.close(() => closed()));
    },
  };
}
