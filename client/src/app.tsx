import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { rememberReferrer } from './lib/session';
import { installPrivacyGuide } from './lib/privacy';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // An invite opens the app with ?referrer= / ?ref=<userId> (a shared page) or, from a
    // mini-program code, scene=r%3D<userId>; both are sent with the first login.
    const query = (options?.query ?? {}) as Record<string, unknown>;
    rememberReferrer(query.referrer ?? query.ref, query.scene);
    installPrivacyGuide();
  });
  return children;
}

export default App;
