import { PermanentJobError } from '@orbit/jobs';
import nodemailer from 'nodemailer';

/** What the hub hands to SMTP for one message. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same on every attempt, so a receiver can drop a duplicate of a retried message. */
  messageId: string;
}

const CONNECTION_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * Sends through the SMTP server `url` names (`smtp://user:pass@host:587`, `smtps://…:465`; nodemailer reads
 * query options such as `?requireTLS=true`). Connections are opened per message: the queue already limits how
 * many run at once, and a stale pooled connection is one more way to fail.
 */
export function createSmtpTransport(url: string) {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    async send(message: OutgoingMessage): Promise<void> {
      try {
        await transport.sendMail({
          ...message,
          // RFC 3834: automatic mail; auto-responders should not answer it.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    /** Connects and logs in without sending: whether the settings work (checked once at start). */
    async verify(): Promise<void> {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

/**
 * A 5xx answer to the message itself (RFC 5321 §4.2.1: "permanent negative completion", e.g. 550 no such
 * mailbox) will not change on retry: it fails at once. 4xx answers (451 try later, greylisting), connection
 * and TLS trouble, and authentication failures (a configuration the operator can fix while the queue waits)
 * are retried with the queue's backoff.
 */
export function classifySmtpError(error: unknown): Error {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = `SMTP: ${e.message ?? String(error)}`.slice(0, 1000);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const authProblem = e.code === 'EAUTH' || e.code === 'ENOAUTH';
  if (code !== undefined && code >= 500 && code < 600 && !authProblem) return new PermanentJobError(message);
  // An address nodemailer refuses before asking the server can't be sent either.
  if (e.code === 'EENVELOPE' && code === undefined) return new PermanentJobError(message);
  return new Error(message);
}
