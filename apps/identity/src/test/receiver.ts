import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in client back end that records what the hub POSTs to it (back-channel logout tokens). */
export async function startReceiver() {
  const received: { path: string; form: URLSearchParams }[] = [];
  const answers: number[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url ?? '', form: new URLSearchParams(body) });
    res.statusCode = answers.shift() ?? 200;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://localhost:${port}${path}`,
    received,
    /** Status codes to answer with, in order, before falling back to 200. */
    answerNext: (...statuses: number[]) => answers.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A service's back end that records what the hub pushes to its events URL (Security Event Tokens as the body) and
 * answers with the statuses it is given, in order, before falling back to 202.
 */
export async function startEventReceiver() {
  const received: { path: string; contentType: string | undefined; body: string }[] = [];
  const answers: number[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
    res.statusCode = answers.shift() ?? 202;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    received,
    answerNext: (...statuses: number[]) => answers.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
