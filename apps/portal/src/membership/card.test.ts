import { describe, expect, it } from 'vitest';
import { checkCard, formatCardNumber, formatExpiry, luhnValid, parseExpiry, SANDBOX_CARDS } from './card';

const now = new Date(2026, 4, 15); // 15 May 2026, local time

describe('card number', () => {
  it('accepts the sandbox test cards and refuses a wrong check digit', () => {
    for (const card of Object.values(SANDBOX_CARDS)) expect(luhnValid(card.replace(/ /g, ''))).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42424242')).toBe(false);
  });

  it('groups digits in fours as they are typed', () => {
    expect(formatCardNumber('42424242')).toBe('4242 4242');
    expect(formatCardNumber('4242-4242 42a42')).toBe('4242 4242 4242');
    expect(formatCardNumber('4242 ')).toBe('4242');
  });
});

describe('expiry', () => {
  it('reads MM/YY and MM/YYYY', () => {
    expect(parseExpiry('12/30')).toEqual({ expMonth: 12, expYear: 2030 });
    expect(parseExpiry('3 / 2031')).toEqual({ expMonth: 3, expYear: 2031 });
    expect(parseExpiry('13/30')).toBeUndefined();
    expect(parseExpiry('1230')).toBeUndefined();
  });

  it('adds the slash after the month, and lets it be deleted', () => {
    expect(formatExpiry('12', '1')).toBe('12/');
    expect(formatExpiry('123', '12/')).toBe('12/3');
    expect(formatExpiry('12', '12/')).toBe('12');
    expect(formatExpiry('12/345', '12/34')).toBe('12/34');
  });
});

describe('checkCard', () => {
  it('answers the card to send, digits only and a four-digit year', () => {
    expect(checkCard({ number: '4242 4242 4242 4242', expiry: '05/26', cvc: '123' }, now)).toEqual({
      ok: true,
      card: { number: '4242424242424242', expMonth: 5, expYear: 2026, cvc: '123' },
    });
  });

  it('names each field that is missing or wrong', () => {
    expect(checkCard({ number: '', expiry: '', cvc: '' }, now)).toEqual({
      ok: false,
      problems: { number: 'required', expiry: 'required', cvc: 'required' },
    });
    expect(checkCard({ number: '4242 4242 4242 4241', expiry: '04/26', cvc: '12' }, now)).toEqual({
      ok: false,
      problems: { number: 'number', expiry: 'expired', cvc: 'cvc' },
    });
    expect(checkCard({ number: SANDBOX_CARDS.succeeds, expiry: '00/30', cvc: '1234' }, now)).toEqual({
      ok: false,
      problems: { expiry: 'expiryFormat' },
    });
  });
});
