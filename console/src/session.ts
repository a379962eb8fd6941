// The signed-in staff member (POST /staff/login), kept for the browser tab only.
import type { Role } from './roles';

export interface Session {
  username: string;
  token: string;
  roles: Role[];
  expiresAt: string;
}

const KEY = 'gp.console.session';
type Listener = (s: Session | undefined) => void;
const listeners = new Set<Listener>();

export function getSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : undefined;
    return s && new Date(s.expiresAt).getTime() > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function setSession(s: Session | undefined): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(s);
}

export function onSession(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}
