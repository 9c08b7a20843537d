import { isLanguage, LANGUAGE_NAMES, LANGUAGES, pickLanguage, Translator, type Language, type Message } from '@zeropark/i18n';

/**
 * The page's language: the one its user chose last (kept per user in localStorage, so a shared
 * wall display and an operator's laptop each keep theirs), else the browser's. Every view writes
 * its words through `i18n`; the static words of index.html name their message in `data-i18n`.
 */
const CHOSEN_KEY = 'zeropark-language';

const chosenKey = (subject: string | undefined) => (subject === undefined ? CHOSEN_KEY : `${CHOSEN_KEY}:${subject}`);

export function chosenLanguage(storage: Storage, preferred: readonly string[], subject?: string): Language {
  const stored = storage.getItem(chosenKey(subject)) ?? storage.getItem(CHOSEN_KEY);
  return isLanguage(stored) ? stored : pickLanguage(preferred);
}

/** The translator every view uses; `useLanguage` sets it at start (a switch reloads the page). */
export let i18n = new Translator('en');

export function useLanguage(language: Language): void {
  if (language !== i18n.language) i18n = new Translator(language);
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = i18n.t(node.dataset.i18n as Message);
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) node.setAttribute('aria-label', i18n.t(node.dataset.i18nLabel as Message));
}

/** Fills the language picker; a choice is remembered for this user (and as the sign-in page's) and the page reloads in it. */
export function offerLanguages(picker: HTMLSelectElement, storage: Storage, subject?: string): void {
  picker.replaceChildren(...LANGUAGES.map((language) => new Option(LANGUAGE_NAMES[language], language, false, language === i18n.language)));
  picker.addEventListener('change', () => {
    if (!isLanguage(picker.value)) return;
    storage.setItem(chosenKey(subject), picker.value);
    storage.setItem(CHOSEN_KEY, picker.value);
    window.location.reload();
  });
}
