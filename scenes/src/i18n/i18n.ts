// i18next with Chinese by default and English a click away; every string on screen goes through `t`.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type Lang = 'zh' | 'en';

/** Starts i18next in `lang` (synchronously: the strings are bundled). */
export function initI18n(lang: Lang): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'zh',
    resources: { zh: { translation: zh }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  return i18next;
}

export function setLang(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
