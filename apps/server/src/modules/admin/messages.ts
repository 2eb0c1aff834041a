import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'audit.rangeReversed': 'Кезеңнің соңы басынан ерте болмауы керек.',
    'audit.verify.intact': 'Аудит журналы бүтін: {rows} жазба тексерілді.',
    'audit.verify.changed': '{seq}-жазбаның мазмұны оның хэшіне сәйкес келмейді: жазба өзгертілген.',
    'audit.verify.broken': '{seq}-жазбаның алдында тізбек үзілген: жазба жойылған немесе орны ауыстырылған.',
  },
  ru: {
    'audit.rangeReversed': 'Конец периода не может быть раньше начала.',
    'audit.verify.intact': 'Журнал аудита не нарушен: проверено записей — {rows}.',
    'audit.verify.changed': 'Содержимое записи {seq} не совпадает с её хэшем: запись изменена.',
    'audit.verify.broken': 'Цепочка прервана перед записью {seq}: запись удалена или переставлена.',
  },
  en: {
    'audit.rangeReversed': 'The end of the period cannot be before its start.',
    'audit.verify.intact': 'The audit ledger is intact: {rows} rows verified.',
    'audit.verify.changed': 'Row {seq} does not match its hash: the row was altered.',
    'audit.verify.broken': 'The chain breaks before row {seq}: a row was removed or reordered.',
  },
});
