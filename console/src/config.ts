// Where the API is: config.json served beside the console (the local stack and the deploy write
// it), else VITE_API_BASE baked in at build time, else the local stack's default port.
export interface ConsoleConfig {
  apiBase: string;
}

let loaded: ConsoleConfig | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  if (loaded) return loaded;
  const fallback = import.meta.env.VITE_API_BASE ?? 'http://127.0.0.1:3000';
  try {
    const r = await fetch('./config.json', { cache: 'no-store' });
    const body = r.ok ? ((await r.json()) as Partial<ConsoleConfig>) : {};
    loaded = { apiBase: (body.apiBase ?? fallback).replace(/\/+$/, '') };
  } catch {
    loaded = { apiBase: fallback };
  }
  return loaded;
}

export function apiBase(): string {
  if (!loaded) throw new Error('loadConfig() first');
  return loaded.apiBase;
}
