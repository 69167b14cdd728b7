import type { AdminService, ServiceRotation } from '../../api/types';
import type { ServiceAction } from './services';

/** An action on one service. */
export interface Target {
  action: ServiceAction;
  serviceId: string;
}

/**
 * The services console once the list has loaded: the services, the action waiting for confirmation, the one
 * running, the last outcome to announce, and a new client secret — kept only here, in memory, until the admin
 * closes it, since the hub answers it this once.
 */
export interface ConsoleState {
  services: AdminService[];
  confirming: Target | null;
  running: Target | null;
  done: Target | null;
  failed: (Target & { error: unknown }) | null;
  secret: ({ serviceId: string } & ServiceRotation) | null;
}

export type ConsoleEvent =
  | { type: 'loaded'; services: AdminService[] }
  | { type: 'ask'; target: Target }
  | { type: 'cancel' }
  | { type: 'start' }
  | { type: 'updated'; service: AdminService }
  | { type: 'rotated'; rotation: ServiceRotation }
  | { type: 'failed'; error: unknown }
  | { type: 'secret-closed' };

export const initialConsole: ConsoleState = {
  services: [],
  confirming: null,
  running: null,
  done: null,
  failed: null,
  secret: null,
};

/** The console's state after `event`. One action at a time: asking while one is running or shown is ignored. */
export function consoleReducer(state: ConsoleState, event: ConsoleEvent): ConsoleState {
  switch (event.type) {
    case 'loaded':
      return { ...state, services: event.services };
    case 'ask':
      if (state.running || state.confirming || state.secret) return state;
      return { ...state, confirming: event.target, done: null, failed: null };
    case 'cancel':
      return { ...state, confirming: null };
    case 'start':
      if (!state.confirming || state.running) return state;
      return { ...state, confirming: null, running: state.confirming };
    case 'updated':
      if (!state.running) return state;
      return {
        ...state,
        services: withService(state.services, event.service),
        running: null,
        done: state.running,
      };
    case 'rotated':
      if (!state.running) return state;
      return {
        ...state,
        running: null,
        done: state.running,
        secret: { serviceId: state.running.serviceId, ...event.rotation },
      };
    case 'failed':
      if (!state.running) return state;
      return { ...state, running: null, failed: { ...state.running, error: event.error } };
    case 'secret-closed':
      return { ...state, secret: null };
  }
}

/** The list with `updated` in place of the service with its id, keeping the order; unchanged if it is not there. */
export function withService(services: AdminService[], updated: AdminService): AdminService[] {
  return services.some((s) => s.id === updated.id)
    ? services.map((s) => (s.id === updated.id ? updated : s))
    : services;
}
