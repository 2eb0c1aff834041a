import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'auth.invalidCredentials': 'Логин немесе құпиясөз қате.',
    'auth.totpRequired': 'Аутентификатор қосымшасындағы кодты немесе қалпына келтіру кодын енгізіңіз.',
    'auth.wrongPassword': 'Ағымдағы құпиясөз қате.',
    'auth.weakPassword': 'Жаңа құпиясөз талаптарға сай емес.',
    'auth.invalidEmailToken':
      'Электрондық поштаны растау сілтемесі жарамсыз, мерзімі өтіп кеткен немесе бұрын пайдаланылған. Профильде мекенжайды қайта енгізіп, жаңа сілтеме алыңыз.',
    'auth.emailChangeMail.subject':
      'Электрондық пошта мекенжайын растау — С. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесі',
    'auth.emailChangeMail.body':
      'Құрметті {name}!\n\nТіркелгіңіз үшін осы электрондық пошта мекенжайы көрсетілді. Оны растау үшін мына сілтемені ашыңыз:\n\n{link}\n\nСілтеме {hours} сағат бойы жарамды. Расталғанға дейін бұрынғы мекенжайыңыз күшінде қалады.\n\nЕгер мұны сіз сұрамаған болсаңыз, хатты елемеңіз.\n\nҚұрметпен,\nС. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесі',
    'auth.emailChangeNotice.subject': 'Электрондық пошта мекенжайын өзгерту сұралды',
    'auth.emailChangeNotice.body':
      'Құрметті {name}!\n\nТіркелгіңіздің электрондық пошта мекенжайын {address} мекенжайына өзгерту сұралды. Жаңа мекенжайға жіберілген сілтеме ашылғанда ғана ол күшіне енеді.\n\nЕгер мұны сіз сұрамаған болсаңыз, жүйеге кіріп, құпиясөзіңізді өзгертіңіз және профильде өз мекенжайыңызды қайта сақтаңыз.\n\nҚұрметпен,\nС. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесі',
    'auth.invalidResetToken':
      'Құпиясөзді қалпына келтіру сілтемесі жарамсыз, мерзімі өтіп кеткен немесе бұрын пайдаланылған. Жаңа сілтеме сұратыңыз.',
    'auth.totpAlreadyEnabled': 'Екі факторлы кіру қосулы тұр. Қайта баптау үшін алдымен оны өшіріңіз.',
    'auth.totpNotPending': 'Алдымен екі факторлы кіруді баптауды бастаңыз.',
    'auth.totpInvalidCode': 'Код қате немесе уақыты өтіп кеткен. Қосымшадағы жаңа кодты енгізіңіз.',
    'auth.totpNotEnabled': 'Екі факторлы кіру қосылмаған.',
    'auth.totpRequiredByRole':
      'Сіздің рөліңіз екі факторлы кіруді талап етеді, сондықтан оны өшіруге болмайды.',
    'auth.sessionRequired': 'Бұл әрекет API токенімен емес, тек жүйеге кірген сессиядан орындалады.',
    'auth.currentSession': 'Осы сессияны аяқтау үшін жүйеден шығыңыз.',
    'auth.scopeNotHeld': 'Токенге өзіңізде жоқ құқықтарды беруге болмайды.',
    'auth.scopeNotHeldField': 'Сізде «{permission}» құқығы жоқ.',
    'auth.loginOrEmail': 'Логинді немесе электрондық поштаны көрсетіңіз (біреуін ғана).',
    'password.tooShort': 'Құпиясөз кемінде {min} таңбадан тұруы керек.',
    'password.common': 'Бұл құпиясөз тым кең таралған. Басқасын ойлап табыңыз.',
    'password.personal': 'Құпиясөзде логин, аты-жөн немесе электрондық пошта болмауы керек.',
    'auth.resetMail.subject':
      'Құпиясөзді қалпына келтіру — С. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесі',
    'auth.resetMail.body':
      'Құрметті {name}!\n\nСіздің тіркелгіңіз үшін құпиясөзді қалпына келтіру сұралды. Жаңа құпиясөз орнату үшін мына сілтемені ашыңыз:\n\n{link}\n\nСілтеме {minutes} минут бойы жарамды және бір рет қана қолданылады.\n\nЕгер бұл сұрауды сіз жібермеген болсаңыз, хатты елемеңіз: құпиясөзіңіз өзгермейді.\n\nҚұрметпен,\nС. Сейфуллин атындағы ҚАТУ қашықтықтан оқыту жүйесі',
  },
  ru: {
    'auth.invalidCredentials': 'Неверный логин или пароль.',
    'auth.totpRequired': 'Введите код из приложения-аутентификатора или код восстановления.',
    'auth.wrongPassword': 'Текущий пароль введён неверно.',
    'auth.weakPassword': 'Новый пароль не отвечает требованиям.',
    'auth.invalidEmailToken':
      'Ссылка для подтверждения электронной почты недействительна, устарела или уже использована. Введите адрес в профиле ещё раз, чтобы получить новую ссылку.',
    'auth.emailChangeMail.subject':
      'Подтверждение адреса электронной почты — система дистанционного обучения КАТУ им. С. Сейфуллина',
    'auth.emailChangeMail.body':
      'Уважаемый(-ая) {name}!\n\nЭтот адрес электронной почты указан для вашей учётной записи. Чтобы подтвердить его, откройте ссылку:\n\n{link}\n\nСсылка действует {hours} часа. До подтверждения действует прежний адрес.\n\nЕсли вы этого не запрашивали, просто проигнорируйте письмо.\n\nС уважением,\nсистема дистанционного обучения КАТУ им. С. Сейфуллина',
    'auth.emailChangeNotice.subject': 'Запрошена смена адреса электронной почты',
    'auth.emailChangeNotice.body':
      'Уважаемый(-ая) {name}!\n\nДля вашей учётной записи запрошена смена адреса электронной почты на {address}. Он вступит в силу, только когда будет открыта ссылка, отправленная на новый адрес.\n\nЕсли вы этого не запрашивали, войдите в систему, смените пароль и снова сохраните в профиле свой адрес.\n\nС уважением,\nсистема дистанционного обучения КАТУ им. С. Сейфуллина',
    'auth.invalidResetToken':
      'Ссылка для восстановления пароля недействительна, устарела или уже использована. Запросите новую ссылку.',
    'auth.totpAlreadyEnabled':
      'Двухфакторный вход уже включён. Чтобы настроить его заново, сначала отключите его.',
    'auth.totpNotPending': 'Сначала начните настройку двухфакторного входа.',
    'auth.totpInvalidCode': 'Код неверен или устарел. Введите новый код из приложения.',
    'auth.totpNotEnabled': 'Двухфакторный вход не включён.',
    'auth.totpRequiredByRole': 'Ваша роль требует двухфакторного входа, поэтому отключить его нельзя.',
    'auth.sessionRequired': 'Это действие доступно только в сеансе входа, а не по API-токену.',
    'auth.currentSession': 'Чтобы завершить этот сеанс, выйдите из системы.',
    'auth.scopeNotHeld': 'Нельзя выдать токену права, которых нет у вас.',
    'auth.scopeNotHeldField': 'У вас нет права «{permission}».',
    'auth.loginOrEmail': 'Укажите логин или адрес электронной почты (что-то одно).',
    'password.tooShort': 'Пароль должен содержать не менее {min} символов.',
    'password.common': 'Этот пароль слишком распространён. Придумайте другой.',
    'password.personal': 'Пароль не должен содержать логин, имя, фамилию или адрес электронной почты.',
    'auth.resetMail.subject':
      'Восстановление пароля — система дистанционного обучения КАТУ им. С. Сейфуллина',
    'auth.resetMail.body':
      'Уважаемый(-ая) {name}!\n\nДля вашей учётной записи запрошено восстановление пароля. Чтобы задать новый пароль, откройте ссылку:\n\n{link}\n\nСсылка действует {minutes} минут и может быть использована только один раз.\n\nЕсли вы не отправляли этот запрос, просто проигнорируйте письмо: ваш пароль не изменится.\n\nС уважением,\nсистема дистанционного обучения КАТУ им. С. Сейфуллина',
  },
  en: {
    'auth.invalidCredentials': 'Wrong login or password.',
    'auth.totpRequired': 'Enter the code from your authenticator app, or a recovery code.',
    'auth.wrongPassword': 'The current password is wrong.',
    'auth.weakPassword': 'The new password does not meet the requirements.',
    'auth.invalidEmailToken':
      'This e-mail confirmation link is invalid, has expired or has already been used. Enter the address in your profile again to get a new link.',
    'auth.emailChangeMail.subject':
      'Confirm your e-mail address — S. Seifullin KATU distance learning system',
    'auth.emailChangeMail.body':
      'Dear {name},\n\nThis e-mail address was given for your account. To confirm it, open this link:\n\n{link}\n\nThe link is valid for {hours} hours. Until it is confirmed, your previous address stays in use.\n\nIf you did not ask for this, please ignore this e-mail.\n\nKind regards,\nS. Seifullin KATU distance learning system',
    'auth.emailChangeNotice.subject': 'A change of your e-mail address was requested',
    'auth.emailChangeNotice.body':
      "Dear {name},\n\nA change of your account's e-mail address to {address} was requested. It takes effect only when the link sent to the new address is opened.\n\nIf you did not ask for this, sign in, change your password and save your own address in your profile again.\n\nKind regards,\nS. Seifullin KATU distance learning system",
    'auth.invalidResetToken':
      'This password reset link is invalid, has expired or has already been used. Please ask for a new link.',
    'auth.totpAlreadyEnabled': 'Two-factor sign-in is already on. Turn it off first to set it up again.',
    'auth.totpNotPending': 'Start the two-factor setup first.',
    'auth.totpInvalidCode': 'The code is wrong or has expired. Enter the current code from your app.',
    'auth.totpNotEnabled': 'Two-factor sign-in is not on.',
    'auth.totpRequiredByRole': 'One of your roles requires two-factor sign-in, so it cannot be turned off.',
    'auth.sessionRequired': 'This can only be done from a signed-in session, not with an API token.',
    'auth.currentSession': 'To end this session, sign out.',
    'auth.scopeNotHeld': 'A token cannot be given rights you do not hold.',
    'auth.scopeNotHeldField': 'You do not hold the permission “{permission}”.',
    'auth.loginOrEmail': 'Give either a login or an e-mail address (one of them).',
    'password.tooShort': 'The password must have at least {min} characters.',
    'password.common': 'This password is too common. Please choose another one.',
    'password.personal': 'The password must not contain your login, name or e-mail address.',
    'auth.resetMail.subject': 'Password reset — S. Seifullin KATU distance learning system',
    'auth.resetMail.body':
      'Dear {name},\n\nA password reset was requested for your account. To choose a new password, open this link:\n\n{link}\n\nThe link is valid for {minutes} minutes and can be used only once.\n\nIf you did not ask for this, please ignore this e-mail: your password stays the same.\n\nKind regards,\nS. Seifullin KATU distance learning system',
  },
});
