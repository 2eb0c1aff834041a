import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'progress.undoNothing':
      'Осы нөмірмен осы бағдарлама мен курс бойынша күшін жоймаған көшіру бұйрығы табылмады. Ешнәрсе өзгертілмеді.',
    'progress.undoGroupMoved':
      'Бұл көшірудің тобы енді {year} курста емес; көшіруді толық болдырмау мүмкін емес. Ешнәрсе өзгертілмеді.',
    'progress.undoStarted':
      'Жаңа оқу жылы басталып кетті (журнал бағалары: {marks}, тест әрекеттері: {attempts}, тапсырмалар: {submissions}, курстық жұмыс тақырыптары: {choices}, бекітілген оқу жоспарлары: {plans}); көшіруді толық болдырмау мүмкін емес. Ешнәрсе өзгертілмеді; жекелеген білім алушыларды түзету үшін олардың көшіру бұйрығының күшін жойыңыз.',
    'progress.undoBreaksHistory':
      'Бұйрықтың күшін жою білім алушының кейінгі бұйрықтарын мағынасыз етеді. Ешнәрсе өзгертілмеді.',
    'progress.cancelPromotionStarted':
      'Білім алушы үшін жаңа оқу жылы басталып кетті (журнал бағалары: {marks}, тест әрекеттері: {attempts}, тапсырмалар: {submissions}, курстық жұмыс тақырыптары: {choices}, бекітілген оқу жоспарлары: {plans}); көшіру бұйрығының күшін жоюға болмайды. Ешнәрсе өзгертілмеді.',
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
    'progress.undoNothing':
      'Не найден неотменённый приказ о переводе с этим номером для этой программы и курса. Ничего не изменено.',
    'progress.undoGroupMoved':
      'Группа этого перевода уже не на {year} курсе; отменить перевод целиком нельзя. Ничего не изменено.',
    'progress.undoStarted':
      'Новый учебный год уже начался (оценок в журнале: {marks}, попыток тестов: {attempts}, сданных заданий: {submissions}, тем курсовых работ: {choices}, утверждённых учебных планов: {plans}); отменить перевод целиком нельзя. Ничего не изменено; чтобы исправить отдельных обучающихся, отмените их приказы о переводе.',
    'progress.undoBreaksHistory':
      'Отмена приказа сделает бессмысленными последующие приказы обучающегося. Ничего не изменено.',
    'progress.cancelPromotionStarted':
      'Для обучающегося новый учебный год уже начался (оценок в журнале: {marks}, попыток тестов: {attempts}, сданных заданий: {submissions}, тем курсовых работ: {choices}, утверждённых учебных планов: {plans}); приказ о переводе отменить нельзя. Ничего не изменено.',
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
    'progress.undoNothing':
      'No uncancelled promotion order with this number was found for this programme and year. Nothing was changed.',
    'progress.undoGroupMoved':
      'A group of this promotion is no longer in year {year}; the promotion cannot be undone as a whole. Nothing was changed.',
    'progress.undoStarted':
      'The new year has already started (journal marks: {marks}, test attempts: {attempts}, submissions: {submissions}, course-work topics chosen: {choices}, approved study plans: {plans}); the promotion cannot be undone as a whole. Nothing was changed; to correct single learners, cancel their promotion orders.',
    'progress.undoBreaksHistory':
      "Cancelling the order would make the learner's later orders senseless. Nothing was changed.",
    'progress.cancelPromotionStarted':
      'The new year has already started for this learner (journal marks: {marks}, test attempts: {attempts}, submissions: {submissions}, course-work topics chosen: {choices}, approved study plans: {plans}); the promotion order cannot be cancelled. Nothing was changed.',
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
