import { describe, expect, it } from 'vitest';
import { forwardBody, forwardSubject, quoteText, replyBody, replySubject } from './reply';

describe('replySubject', () => {
  it('adds "Re: "', () => {
    expect(replySubject('Lunch on Friday')).toBe('Re: Lunch on Friday');
  });

  it('does not pile up prefixes, in either language', () => {
    expect(replySubject('Re: Lunch')).toBe('Re: Lunch');
    expect(replySubject('RE:Lunch')).toBe('RE:Lunch');
    expect(replySubject('回复：午饭')).toBe('回复：午饭');
  });

  it('handles an empty subject', () => {
    expect(replySubject('')).toBe('Re:');
  });
});

describe('forwardSubject', () => {
  it('adds "Fwd: " unless it is there already', () => {
    expect(forwardSubject('Report')).toBe('Fwd: Report');
    expect(forwardSubject('Fwd: Report')).toBe('Fwd: Report');
    expect(forwardSubject('FW: Report')).toBe('FW: Report');
    expect(forwardSubject('转发: 报告')).toBe('转发: 报告');
  });

  it('forwards a reply as a forward', () => {
    expect(forwardSubject('Re: Report')).toBe('Fwd: Re: Report');
  });
});

describe('quoteText', () => {
  it('marks every line, leaving blank lines bare', () => {
    expect(quoteText('Hi Bob,\n\nSee you.\n')).toBe('> Hi Bob,\n>\n> See you.');
  });

  it('quotes a quote again', () => {
    expect(quoteText('> earlier')).toBe('> > earlier');
  });

  it('normalises Windows line ends', () => {
    expect(quoteText('a\r\nb')).toBe('> a\n> b');
  });
});

describe('replyBody', () => {
  it('leaves room to write above the attribution and the quote', () => {
    expect(replyBody('Ada wrote:', 'Hello\nthere')).toBe('\n\nAda wrote:\n> Hello\n> there\n');
  });

  it('has just the attribution when the original was empty', () => {
    expect(replyBody('Ada wrote:', '  \n')).toBe('\n\nAda wrote:\n');
  });
});

describe('forwardBody', () => {
  it('puts the original headers and text under the space to write', () => {
    expect(forwardBody(['---------- Forwarded message ----------', 'From: Ada'], 'Hello\n\n')).toBe(
      '\n\n---------- Forwarded message ----------\nFrom: Ada\n\nHello\n',
    );
  });
});
