import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'progress.idempotencyKeyRequired': 'Көшіруді растау үшін Idempotency-Key тақырыбы қажет.',
    'progress.promotionChanged':
      'Алдын ала қараудан бері нәтиже өзгерді (қазір көшірілетіндер: {promoted}, расталғаны: {expected}). Тізімді жаңартып, қайта растаңыз; ешнәрсе өзгертілмеді.',
    'progress.periodOrYear': 'Академиялық кезеңді немесе оқу жылын (біреуін ғана) көрсетіңіз.',
  },
  ru: {
    'progress.idempotencyKeyRequired': 'Для подтверждения перевода нужен заголовок Idempotency-Key.',
    'progress.promotionChanged':
      'С момента предпросмотра результат изменился (переводятся сейчас: {promoted}, подтверждено: {expected}). Обновите список и подтвердите снова; ничего не изменено.',
    'progress.periodOrYear': 'Укажите академический период или учебный год (что-то одно).',
  },
  en: {
    'progress.idempotencyKeyRequired': 'Confirming a promotion needs an Idempotency-Key header.',
    'progress.promotionChanged':
      'The outcome changed since the preview (promoted now: {promoted}, confirmed: {expected}). Refresh the list and confirm again; nothing was changed.',
    'progress.periodOrYear': 'Name an academic period or an academic year (one of the two).',
  },
});
