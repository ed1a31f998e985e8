/**
 * The message catalogue: typed keys, Bahasa Indonesia by default, English on request.
 * `t('id', 'nik.wrong_length', { got: 11 })` type-checks the key and its parameters.
 */
import { applyingEn } from './applying.en';
import { applyingId } from './applying.id';
import { chairEn } from './chair.en';
import { chairId } from './chair.id';
import { correctionsEn } from './corrections.en';
import { correctionsId } from './corrections.id';
import { deskEn } from './desk.en';
import { deskId } from './desk.id';
import { dialogueEn } from './dialogue.en';
import { dialogueId } from './dialogue.id';
import { en } from './en';
import { id } from './id';
import { identityEn } from './identity.en';
import { identityId } from './identity.id';
import { lateEn } from './late.en';
import { lateId } from './late.id';
import { menuEn } from './menu.en';
import { menuId } from './menu.id';
import { neighboursEn } from './neighbours.en';
import { neighboursId } from './neighbours.id';
import { openCasesEn } from './open-cases.en';
import { openCasesId } from './open-cases.id';
import { skmEn } from './skm.en';
import { skmId } from './skm.id';
import { telegramEn } from './telegram.en';
import { telegramId } from './telegram.id';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

const idAll = { ...id, ...dialogueId, ...deskId, ...applyingId, ...chairId, ...correctionsId, ...identityId, ...lateId, ...menuId, ...neighboursId, ...openCasesId, ...telegramId, ...skmId };
type Catalogue = typeof idAll;
export type MessageKey = keyof Catalogue;
type ParamsOf<K extends MessageKey> = Catalogue[K] extends (params: infer P) => string ? [P] : [];
/** The parameters of a message, `undefined` for a fixed text. */
export type MessageParams<K extends MessageKey> = Catalogue[K] extends (params: infer P) => string ? P : undefined;

const catalogues: Record<Locale, Catalogue> = { id: idAll, en: { ...en, ...dialogueEn, ...deskEn, ...applyingEn, ...chairEn, ...correctionsEn, ...identityEn, ...lateEn, ...menuEn, ...neighboursEn, ...openCasesEn, ...telegramEn, ...skmEn } };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsOf<K>): string {
  const entry = catalogues[locale][key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

export function messageKeys(locale: Locale): MessageKey[] {
  return Object.keys(catalogues[locale]) as MessageKey[];
}

/**
 * How to answer a question's choices, in both forms a channel may show them: the renderer picks
 * `tap` under buttons and lists, `type` after numbered lines (adapters/choices.ts).
 */
export function choiceHint(locale: Locale): { tap: string; type: string } {
  return { tap: t(locale, 'hint.tap'), type: t(locale, 'hint.reply') };
}
