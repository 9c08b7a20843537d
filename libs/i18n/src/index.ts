export { messageAt, messageKeys, type CatalogueShape, type MessageKey } from './catalogue-shape.js';
export { en } from './catalogues/en.js';
export { zhCN } from './catalogues/zh-CN.js';
export { LANGUAGE_NAMES, LANGUAGES, isLanguage, pickLanguage, type Language } from './languages.js';
export { dateTimeIn, dayIn, timeIn, utcOffsetIn, zoneLabel } from './time-zone.js';
export { Translator, type Message, type MessageValues } from './translator.js';
