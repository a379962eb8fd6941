import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { rememberReferrer } from './lib/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // An invite opens the app with ?ref=<userId> (H5, shared page) or scene=<userId> (QR code).
    const query = (options?.query ?? {}) as Record<string, unknown>;
    rememberReferrer(query.ref ?? query.scene);
  });
  return children;
}

export default App;
