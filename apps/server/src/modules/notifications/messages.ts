import { registerMessages } from '../../platform/i18n.ts';

/**
 * Notification texts are message keys `notification.<kind>`, rendered in the reader's
 * language when listed; areas register their own kinds the same way in their messages.ts.
 * A param given as { kk, ru, en } (a role or course name) is shown in the reader's language.
 */
registerMessages({
  kk: {
    'notification.generic': 'Сізге жаңа хабарлама бар.',
    'notification.mailSubject': 'ҚАТУ қашықтықтан оқыту жүйесі',
    'notification.mailFooter':
      'Бұл хат автоматты түрде жіберілді. Хабарламалардың бәрі жүйедегі қоңыраушада көрсетіледі.',
    'notification.welcome': 'С. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесіне қош келдіңіз!',
    'notification.passwordChanged':
      'Құпиясөзіңіз өзгертілді. Егер мұны сіз жасамаған болсаңыз, АТД қолдау қызметіне дереу хабарласыңыз.',
    'notification.roleGranted': 'Сізге жаңа рөл берілді: {role}.',
    'notification.roleRevoked': 'Сізден рөл алынды: {role}.',
    'notification.sessionsEnded': 'Әкімші сіздің барлық сессияларыңызды аяқтады. Қайта кіріңіз.',
  },
  ru: {
    'notification.generic': 'У вас новое уведомление.',
    'notification.mailSubject': 'Система дистанционного обучения КАТУ',
    'notification.mailFooter':
      'Письмо отправлено автоматически. Все уведомления видны в системе (значок колокольчика).',
    'notification.welcome': 'Добро пожаловать в систему дистанционного обучения КАТУ им. С. Сейфуллина!',
    'notification.passwordChanged':
      'Ваш пароль изменён. Если это сделали не вы, немедленно обратитесь в техническую поддержку ДИТ.',
    'notification.roleGranted': 'Вам назначена новая роль: {role}.',
    'notification.roleRevoked': 'С вас снята роль: {role}.',
    'notification.sessionsEnded': 'Администратор завершил все ваши сеансы. Войдите снова.',
  },
  en: {
    'notification.generic': 'You have a new notification.',
    'notification.mailSubject': 'KATU distance learning',
    'notification.mailFooter':
      'This message was sent automatically. All notifications are shown in the system (the bell).',
    'notification.welcome': 'Welcome to the distance-learning system of S. Seifullin KATU!',
    'notification.passwordChanged':
      'Your password was changed. If this was not you, contact IT support at once.',
    'notification.roleGranted': 'You were granted a new role: {role}.',
    'notification.roleRevoked': 'A role was taken from you: {role}.',
    'notification.sessionsEnded': 'An administrator ended all your sessions. Please sign in again.',
  },
});
