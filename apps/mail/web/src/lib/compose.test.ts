import { describe, expect, it } from 'vitest';
import type { Address, Message } from '../api/types';
import {
  afterDraftSaved,
  draftCompose,
  draftInput,
  forwardCompose,
  isDirty,
  newCompose,
  type PendingAttachment,
  recipientsOf,
  replyCompose,
  sendInput,
} from './compose';

const key = () => 'key-1';
const address = (handle: string, accountNumber: string): Address => ({
  sub: `sub-${handle}`,
  accountNumber,
  handle,
  displayName: handle.toUpperCase(),
});
const me = address('me', '10000');
const ada = address('ada', '10001');
const bob = address('bob', '10002');

const message = (fields: Partial<Message> = {}): Message => ({
  id: 'm-1',
  threadId: 't-1',
  folder: 'inbox',
  from: ada,
  to: [me, bob],
  cc: [],
  subject: 'Lunch',
  snippet: 'Are you free?',
  date: '2026-05-20T09:00:00Z',
  read: true,
  starred: false,
  attachmentCount: 0,
  size: 100,
  bodyHtml: '<p>Are you free?</p>',
  bodyText: 'Are you free?',
  attachments: [],
  inReplyTo: null,
  ...fields,
});

const file: PendingAttachment = {
  key: 'f1',
  filename: 'notes.txt',
  contentType: 'text/plain',
  dataBase64: 'aGk=',
  size: 2,
};

describe('replyCompose', () => {
  it('answers the sender with "Re:", the quoted original and inReplyTo', () => {
    const state = replyCompose(message(), me, false, 'ADA wrote:', key);
    expect(state).toMatchObject({
      mode: 'reply',
      to: '10001',
      cc: '',
      subject: 'Re: Lunch',
      bodyText: '\n\nADA wrote:\n> Are you free?\n',
      inReplyTo: 'm-1',
      idempotencyKey: 'key-1',
    });
    expect(sendInput(state)).toEqual({
      to: ['10001'],
      subject: 'Re: Lunch',
      bodyText: '\n\nADA wrote:\n> Are you free?\n',
      inReplyTo: 'm-1',
    });
  });

  it('answers everyone with reply all, showing Cc', () => {
    const state = replyCompose(message({ cc: [address('cat', '10003')] }), me, true, 'x', key);
    expect(state).toMatchObject({ to: '10001, 10002', cc: '10003', showCc: true });
  });

  it('is not dirty until the reader writes something', () => {
    const state = replyCompose(message(), me, false, 'x', key);
    expect(isDirty(state)).toBe(false);
    expect(isDirty({ ...state, bodyText: `Yes!${state.bodyText}` })).toBe(true);
  });
});

describe('forwardCompose', () => {
  it('prefills "Fwd:", the original and forwardOf, with nobody to send to yet', () => {
    const attachment = { id: 'a1', filename: 'menu.pdf', contentType: 'application/pdf', size: 5 };
    const state = forwardCompose(
      message({ attachments: [attachment] }),
      ['--- Forwarded ---', 'From: ADA'],
      key,
    );
    expect(state).toMatchObject({
      mode: 'forward',
      to: '',
      subject: 'Fwd: Lunch',
      forwardOf: 'm-1',
      forwardedAttachments: [attachment],
    });
    expect(state.bodyText).toBe('\n\n--- Forwarded ---\nFrom: ADA\n\nAre you free?\n');
    expect(sendInput({ ...state, to: 'bob' })).toMatchObject({ to: ['bob'], forwardOf: 'm-1' });
  });
});

describe('draftCompose', () => {
  it('reopens a draft with its recipients as typed', () => {
    const draft = message({ id: 'd-1', folder: 'drafts', draftTo: ['ada', '10009'], draftCc: ['bob'] });
    const state = draftCompose(draft, key);
    expect(state).toMatchObject({ mode: 'draft', to: 'ada, 10009', cc: 'bob', showCc: true, draftId: 'd-1' });
    expect(sendInput(state)).toMatchObject({ draftId: 'd-1', to: ['ada', '10009'], cc: ['bob'] });
  });
});

describe('draftInput and sendInput', () => {
  it('splits the typed recipients and drops Cc repeats of To', () => {
    expect(recipientsOf({ to: 'ada, bob', cc: 'BOB 10003' })).toEqual({ to: ['ada', 'bob'], cc: ['10003'] });
  });

  it('uploads new attachments with a new message, leaving out the local bookkeeping', () => {
    const state = { ...newCompose(key, 'ada'), subject: 'Hi', newAttachments: [file] };
    expect(sendInput(state)).toEqual({
      to: ['ada'],
      subject: 'Hi',
      bodyText: '',
      attachments: [{ filename: 'notes.txt', contentType: 'text/plain', dataBase64: 'aGk=' }],
    });
  });

  it('saves attachment changes with the draft, then sends it by id without uploading again', () => {
    const state = {
      ...newCompose(key, 'ada'),
      draftId: 'd-1',
      newAttachments: [file],
      removeAttachmentIds: ['a0'],
    };
    expect(draftInput(state)).toMatchObject({
      attachments: [{ filename: 'notes.txt' }],
      removeAttachmentIds: ['a0'],
    });
    expect(sendInput(state).attachments).toBeUndefined();

    const saved = afterDraftSaved(state, message({ id: 'd-1', attachments: [{ ...file, id: 'a1' }] }));
    expect(saved).toMatchObject({ draftId: 'd-1', newAttachments: [], removeAttachmentIds: [] });
    expect(saved.savedAttachments).toHaveLength(1);
    expect(saved.idempotencyKey).toBe(state.idempotencyKey);
  });
});
