// Entry: reads the deep link, starts i18next (Chinese unless the link or the last choice says English), renders the
// app and boots it (server or offline pack, then the run).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { boot, initialLink, syncDeepLink } from './boot.ts';
import { initI18n, type Lang } from './i18n/i18n.ts';
import { appStore, showNotice } from './store/app-store.ts';
import { App } from './ui/App.tsx';
import './styles.css';

const link = initialLink();
const test = new URLSearchParams(location.search).get('test') === '1';
// A kiosk speaks Chinese unless its link says otherwise, whatever the last visitor chose.
const lang: Lang = link.lang ?? (!link.kiosk && localStorage.getItem('rivertwin.lang') === 'en' ? 'en' : 'zh');
initI18n(lang);
appStore.setState({ lang });
appStore.subscribe((s, prev) => {
  if (s.lang !== prev.lang) localStorage.setItem('rivertwin.lang', s.lang);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initialCam={link.cam} test={test} />
  </StrictMode>,
);

boot(link).then(syncDeepLink, (e: unknown) =>
  showNotice({ key: 'error', params: { message: e instanceof Error ? e.message : String(e) } }),
);
