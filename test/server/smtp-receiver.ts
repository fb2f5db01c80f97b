import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One mail as the SMTP server got it, decoded enough to read: who it went to, subject, text and HTML. */
export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; html: string; raw: string };

/** A real SMTP server on a free 127.0.0.1 port that accepts `USER`/`PASSWORD` and records every mail. */
export type SmtpReceiver = {
  port: number;
  /** `smtp://USER:PASSWORD@127.0.0.1:<port>`. */
  url: string;
  mails: ReceivedMail[];
  /** Answers the next `count` recipients with this SMTP error instead of accepting them. */
  refuse(responseCode: number, message: string, count?: number): void;
  close: () => Promise<void>;
};

export const SMTP_USER = 'kizuna';
export const SMTP_PASSWORD = 'smtp-s3cret-password';

/** Starts the SMTP server (no TLS: plain over loopback, password auth allowed); `close()` it after the test. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  let refusals: Array<{ responseCode: number; message: string }> = [];
  const server = new SMTPServer({
    // Plain, over loopback: nothing to secure, and no certificate to make.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const refusal = refusals.shift();
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        mails.push({ ...decode(raw), raw, from: envelope.mailFrom ? envelope.mailFrom.address : '', to: envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    mails,
    refuse(responseCode, message, count = 1) {
      refusals = [...refusals, ...Array.from({ length: count }, () => ({ responseCode, message }))];
    },
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

// A small MIME reader, enough for what nodemailer writes: headers, encoded words, multipart/alternative, base64 and quoted-printable.

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at === -1 ? raw : raw.slice(0, at);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: at === -1 ? '' : raw.slice(at + 4) };
}

const decodeWords = (text: string) =>
  text.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
  );

function quotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintable(body);
  return body;
}

function decode(raw: string): { subject: string; text: string; html: string } {
  const { headers, body } = splitMessage(raw);
  const found = { text: '', html: '' };
  const walk = (partHeaders: Map<string, string>, partBody: string) => {
    const type = partHeaders.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const part of partBody.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break;
        const inner = splitMessage(part.replace(/^\r\n/, ''));
        walk(inner.headers, inner.body);
      }
    } else if (type.startsWith('text/html')) found.html = decodeBody(partHeaders, partBody);
    else if (type.startsWith('text/plain')) found.text = decodeBody(partHeaders, partBody).replace(/\r\n/g, '\n');
  };
  walk(headers, body);
  return { subject: decodeWords(headers.get('subject') ?? ''), ...found };
}
