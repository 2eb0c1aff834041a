import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'progress.periodOrYear': 'Академиялық кезеңді немесе оқу жылын (біреуін ғана) көрсетіңіз.',
  },
  ru: {
    'progress.periodOrYear': 'Укажите академический период или учебный год (что-то одно).',
  },
  en: {
    'progress.periodOrYear': 'Name an academic period or an academic year (one of the two).',
  },
});
