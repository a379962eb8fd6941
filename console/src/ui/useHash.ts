// The screen in the address (#/orders): bookmarkable, and the browser's back button works.
import { useEffect, useState } from 'react';

const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';

export function useHash(): [string, (key: string) => void] {
  const [key, setKey] = useState(read);
  useEffect(() => {
    const on = () => setKey(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [key, (k) => (window.location.hash = `#/${k}`)];
}
