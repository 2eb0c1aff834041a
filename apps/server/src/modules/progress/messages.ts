import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'progress.repeatGroupNotMoving':
      'Бұл топ келесі курсқа көшпейді немесе онда курсты қайта оқитын білім алушы жоқ; қайта оқу тобын тек көшетін топқа таңдауға болады. Ешнәрсе өзгертілмеді.',
    'progress.repeatGroupNotAllowed':
      'Қайта оқу тобы осы білім беру бағдарламасының осы курсындағы, келесі курсқа көшпейтін топ болуы керек (немесе жаңа топ). Ешнәрсе өзгертілмеді.',
    'progress.registrationCloses': 'Тіркеудің соңғы күні бұйрық күнінен ({opensOn}) ерте болмауы керек.',
    'progress.idempotencyKeyRequired': 'Көшіруді растау үшін Idempotency-Key тақырыбы қажет.',
    'progress.promotionChanged':
      'Алдын ала қараудан бері нәтиже өзгерді (қазір көшірілетіндер: {promoted}, расталғаны: {expected}). Тізімді жаңартып, қайта растаңыз; ешнәрсе өзгертілмеді.',
    'progress.periodOrYear': 'Академиялық кезеңді немесе оқу жылын (біреуін ғана) көрсетіңіз.',
  },
  ru: {
    'progress.repeatGroupNotMoving':
      'Эта группа не переводится на следующий курс или в ней нет оставленных на повторный курс; группу для повторного курса выбирают только для переводимой группы. Ничего не изменено.',
    'progress.repeatGroupNotAllowed':
      'Группа для повторного курса должна быть группой этой образовательной программы и этого курса, которая не переводится (или новой группой). Ничего не изменено.',
    'progress.registrationCloses':
      'Последний день регистрации не может быть раньше даты приказа ({opensOn}).',
    'progress.idempotencyKeyRequired': 'Для подтверждения перевода нужен заголовок Idempotency-Key.',
    'progress.promotionChanged':
      'С момента предпросмотра результат изменился (переводятся сейчас: {promoted}, подтверждено: {expected}). Обновите список и подтвердите снова; ничего не изменено.',
    'progress.periodOrYear': 'Укажите академический период или учебный год (что-то одно).',
  },
  en: {
    'progress.repeatGroupNotMoving':
      'This group does not move up or has nobody repeating the year; a repeat group is chosen only for a moving group. Nothing was changed.',
    'progress.repeatGroupNotAllowed':
      'A repeat group must be a group of this programme and year that does not move up (or a new group). Nothing was changed.',
    'progress.registrationCloses': 'The last registration day cannot be before the order date ({opensOn}).',
    'progress.idempotencyKeyRequired': 'Confirming a promotion needs an Idempotency-Key header.',
    'progress.promotionChanged':
      'The outcome changed since the preview (promoted now: {promoted}, confirmed: {expected}). Refresh the list and confirm again; nothing was changed.',
    'progress.periodOrYear': 'Name an academic period or an academic year (one of the two).',
  },
});
