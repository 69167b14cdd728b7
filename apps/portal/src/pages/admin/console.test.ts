import { describe, expect, it } from 'vitest';
import { type ConsoleEvent, type ConsoleState, consoleReducer, initialConsole, withService } from './console';
import { adminService } from './test-service';

const mail = adminService();
const notes = adminService({ id: 'notes', name: 'Notes', origin: 'http://localhost:4102' });
const loaded = consoleReducer(initialConsole, { type: 'loaded', services: [mail, notes] });
const run = (state: ConsoleState, ...events: ConsoleEvent[]) => events.reduce(consoleReducer, state);

const ROTATION = {
  clientSecret: 's3cret',
  previousSecretExpiresAt: '2026-01-02T00:00:00.000Z',
  credentialsFile: null,
};

describe('the services console', () => {
  it('asks before acting, and does nothing when the admin cancels', () => {
    const asked = run(loaded, { type: 'ask', target: { action: 'disable', serviceId: 'mail' } });
    expect(asked.confirming).toEqual({ action: 'disable', serviceId: 'mail' });
    expect(asked.running).toBeNull();

    const cancelled = run(asked, { type: 'cancel' }, { type: 'start' });
    expect(cancelled.confirming).toBeNull();
    expect(cancelled.running).toBeNull();
    expect(cancelled.services).toEqual([mail, notes]);
  });

  it('runs the confirmed action, then puts the updated service in its place and says what was done', () => {
    const running = run(
      loaded,
      { type: 'ask', target: { action: 'disable', serviceId: 'mail' } },
      { type: 'start' },
    );
    expect(running.confirming).toBeNull();
    expect(running.running).toEqual({ action: 'disable', serviceId: 'mail' });

    const disabled = adminService({ disabled: true });
    const done = run(running, { type: 'updated', service: disabled });
    expect(done.services).toEqual([disabled, notes]);
    expect(done.running).toBeNull();
    expect(done.done).toEqual({ action: 'disable', serviceId: 'mail' });
  });

  it('runs one action at a time: asking again while one runs is ignored', () => {
    const running = run(
      loaded,
      { type: 'ask', target: { action: 'disable', serviceId: 'mail' } },
      { type: 'start' },
    );
    const again = run(running, { type: 'ask', target: { action: 'rotate-secret', serviceId: 'notes' } });
    expect(again).toBe(running);
    expect(run(running, { type: 'start' })).toBe(running);
  });

  it('holds a rotated secret until the admin closes it, and never puts it in the list', () => {
    const rotated = run(
      loaded,
      { type: 'ask', target: { action: 'rotate-secret', serviceId: 'notes' } },
      { type: 'start' },
      { type: 'rotated', rotation: ROTATION },
    );
    expect(rotated.secret).toEqual({ serviceId: 'notes', ...ROTATION });
    expect(rotated.done).toEqual({ action: 'rotate-secret', serviceId: 'notes' });
    expect(JSON.stringify(rotated.services)).not.toContain('s3cret');
    // While the secret is shown, nothing else starts.
    expect(run(rotated, { type: 'ask', target: { action: 'disable', serviceId: 'mail' } })).toBe(rotated);

    const closed = run(rotated, { type: 'secret-closed' });
    expect(closed.secret).toBeNull();
    expect(JSON.stringify(closed)).not.toContain('s3cret');
  });

  it('keeps a failure with the action and service it concerns, and forgets it on the next request', () => {
    const error = new Error('offline');
    const failed = run(
      loaded,
      { type: 'ask', target: { action: 'enable', serviceId: 'mail' } },
      { type: 'start' },
      { type: 'failed', error },
    );
    expect(failed.failed).toEqual({ action: 'enable', serviceId: 'mail', error });
    expect(failed.running).toBeNull();
    expect(failed.services).toEqual([mail, notes]);

    const retried = run(failed, { type: 'ask', target: { action: 'enable', serviceId: 'mail' } });
    expect(retried.failed).toBeNull();
  });

  it('ignores answers that arrive when nothing is running', () => {
    expect(run(loaded, { type: 'updated', service: adminService({ disabled: true }) })).toBe(loaded);
    expect(run(loaded, { type: 'rotated', rotation: ROTATION })).toBe(loaded);
    expect(run(loaded, { type: 'failed', error: new Error('late') })).toBe(loaded);
  });

  it('keeps a reloaded list, and the admin’s place in it', () => {
    const asked = run(loaded, { type: 'ask', target: { action: 'disable', serviceId: 'notes' } });
    const reloaded = run(asked, { type: 'loaded', services: [notes] });
    expect(reloaded.services).toEqual([notes]);
    expect(reloaded.confirming).toEqual({ action: 'disable', serviceId: 'notes' });
  });
});

describe('withService', () => {
  it('replaces the service with the same id, keeping the order', () => {
    const renamed = adminService({ id: 'notes', name: 'Team notes' });
    expect(withService([mail, notes], renamed)).toEqual([mail, renamed]);
  });

  it('leaves the list as it is when the service is not in it', () => {
    const list = [mail];
    expect(withService(list, notes)).toBe(list);
  });
});
