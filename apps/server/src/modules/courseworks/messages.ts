import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'courseworks.notFound': 'Курстық жұмыс табылмады.',
    'courseworks.learnersOnly': 'Бұл әрекетті тек осы пән ағымына жазылған білім алушы орындай алады.',
    'courseworks.timelineClosed':
      'Курстық жұмыстың мерзімі {date} күні емтихан сессиясының басталуымен аяқталды.',
    'courseworks.unknownSupervisor': 'Мұндай белсенді пайдаланушы жоқ: жетекшіні қайта таңдаңыз.',
    'courseworks.topicTaken': 'Бұл тақырыпты жаңа ғана басқа білім алушы алды. Басқа тақырып таңдаңыз.',
    'courseworks.alreadyChosen':
      'Сіз осы курстық жұмыс бойынша тақырып таңдап қойдыңыз: бір білім алушыға бір тақырып.',
    'courseworks.topicNotFound': 'Тақырып табылмады немесе жарияланбаған.',
    'courseworks.ownTopicsClosed': 'Бұл курстық жұмыста өз тақырыбыңызды ұсынуға болмайды.',
    'courseworks.notASupervisor': 'Осы курстық жұмыстың жетекшілерінің бірін таңдаңыз.',
    'courseworks.supervisorOnly': 'Мұны тек осы тақырыптың жетекшісі жасай алады.',
    'courseworks.declineNeedsComment': 'Бас тартқанда себебін түсініктемеде жазыңыз.',
    'courseworks.alreadyDecided': 'Бұл таңдау бойынша шешім қабылданып қойған.',
    'courseworks.dueOutsideTimeline':
      'Мерзім триместрдің басы ({from}) мен сессияның басы ({to}) аралығында болуы керек.',
    'courseworks.unknownMilestone': 'Мұндай кезең бұл курстық жұмыста жоқ.',
    'courseworks.oneFinal': 'Қорытынды нұсқа кезеңі біреу ғана болады.',
    'courseworks.milestoneHasHandIns': '«{title}» кезеңіне жұмыс тапсырылған, оны өшіруге болмайды.',
    'courseworks.milestoneNotFound': 'Кезең табылмады.',
    'courseworks.noAcceptedTopic': 'Алдымен тақырыбыңызды жетекші қабылдауы керек.',
    'courseworks.emptyHandIn': 'Жазба қосыңыз немесе кемінде бір файл тіркеңіз.',
    'courseworks.unknownFile': 'Файл табылмады: оны қайта жүктеңіз.',
    'courseworks.threadParticipantsOnly': 'Кеңесті тек білім алушы мен оның жетекшісі жүргізеді.',
    'courseworks.nothingToReview': 'Бұл кезеңге әлі ештеңе тапсырылмаған.',
    'courseworks.uploadTooLarge': 'Файл тым үлкен: ең көбі {maxMb} МБ.',
    'courseworks.uploadType': 'Бұл файл түрі қабылданбайды: PDF, DOCX, PPTX, XLSX, PNG немесе JPG жүктеңіз.',
    'courseworks.uploadNoFile': 'Файл жіберілмеді.',
    'courseworks.finalNotHandedIn': 'Қорғауға ұсыну үшін алдымен қорытынды нұсқа тапсырылуы керек.',
    'courseworks.unknownCommissionMember':
      'Мұндай белсенді пайдаланушы жоқ: комиссия мүшесін қайта таңдаңыз.',
    'courseworks.learnerNotFound': 'Білім алушы осы курстық жұмыста табылмады.',
    'courseworks.notAdmitted':
      'Білім алушы қорғауға жіберілмеген: қорытынды нұсқа тапсырылып, жетекші ұсынуы керек.',
    'courseworks.defenceGraded': 'Қорғау бағаланып қойған, оның кестесін өзгертуге болмайды.',
    'courseworks.commissionOnly':
      'Бағаны тек осы отырыстың комиссия мүшесі немесе кафедра меңгерушісі қоя алады.',
    'courseworks.defenceNotYet': 'Қорғау әлі басталған жоқ.',
    'courseworks.placeRequired': 'Өтетін орнын немесе онлайн сілтемесін көрсетіңіз.',
    'courseworks.supervisorInactive': '{name} белсенді емес: жетекшіні қайта таңдаңыз.',
    'courseworks.supervisorLearner': '{name} — осы курстық жұмыстың білім алушысы, ол жетекші бола алмайды.',
    'courseworks.supervisorNotEntitled':
      '{name} курстық жұмысқа жетекшілік ете алмайды: оның осы кафедрада немесе факультетте оқытушы, емтихан алушы немесе жетекші рөлі жоқ.',
    'courseworks.commissionInactive':
      '{name} белсенді емес: комиссия құрамына белсенді қызметкерді таңдаңыз.',
    'courseworks.commissionLearner':
      '{name} — осы курстық жұмыстың білім алушысы, ол комиссия мүшесі бола алмайды.',
    'courseworks.commissionNotEntitled':
      '{name} курстық жұмыстарды қорғау комиссиясына кіре алмайды: оның осы кафедрада немесе факультетте оқытушы, емтихан алушы немесе жетекші рөлі жоқ.',
    'courseworks.commissionSupervisorAlone':
      '{learner} білім алушының комиссиясы тек жетекшісі {supervisor} болып қалады: жетекшіден басқа кемінде бір мүше қосыңыз.',
    'courseworks.sessionNotFound': 'Қорғау отырысы осы курстық жұмыста табылмады.',
    'courseworks.sessionGraded': 'Бұл отырыста баға қойылған, оны өзгертуге болмайды.',
    'courseworks.sessionNotEmpty': 'Отырыста білім алушылар бар: алдымен оларды басқа отырысқа ауыстырыңыз.',
    'courseworks.slotBeforeSession': 'Білім алушының уақыты отырыстың басталуынан ({at}) ерте болмауы керек.',
    'courseworks.slotTaken': 'Бұл уақытқа отырыста басқа білім алушы қойылған: басқа уақыт таңдаңыз.',
    'courseworks.ownChoiceOnly': 'Тақырыптан тек оны таңдаған білім алушының өзі бас тарта алады.',
    'courseworks.notLiveChoice': 'Бұл таңдау енді күшінде емес.',
    'courseworks.withdrawalPending': 'Тақырыптан бас тарту туралы өтінішіңіз қаралуда.',
    'courseworks.withdrawGraded': 'Қорғау бағаланған, тақырыптан бас тартуға болмайды.',
    'courseworks.withdrawalDeciders':
      'Бас тарту туралы өтінішті тек тақырып жетекшісі немесе кафедра меңгерушісі шеше алады.',
    'notification.courseworks.commissionNamed':
      'Сіз «{discipline}» курстық жұмыстарын қорғау комиссиясының құрамына енгізілдіңіз: {at}.',
    'notification.courseworks.sessionChanged':
      '«{discipline}» курстық жұмыстарын қорғау отырысы өзгерді: {at}.',
    'notification.courseworks.defenceCancelled': '«{discipline}» курстық жұмысының қорғауы кестеден алынды.',
    'notification.courseworks.withdrawn': 'Білім алушы «{title}» тақырыбынан бас тартты: {reason}',
    'notification.courseworks.withdrawalRequested':
      'Білім алушы «{title}» тақырыбынан бас тартуды сұрайды: {reason}. Шешім қабылдаңыз.',
    'notification.courseworks.withdrawalApproved':
      '«{title}» тақырыбынан бас тартуыңыз қабылданды. {comment}',
    'notification.courseworks.withdrawalDeclined':
      '«{title}» тақырыбынан бас тарту өтінішіңіз қабылданбады: {comment}',
    'notification.courseworks.topicTakenBy': 'Білім алушы «{title}» тақырыбын таңдады.',
    'notification.courseworks.topicRequested': 'Білім алушы «{title}» тақырыбын сұрайды: шешім қабылдаңыз.',
    'notification.courseworks.topicAccepted': '«{title}» тақырыбыңызды жетекші қабылдады. {comment}',
    'notification.courseworks.topicDeclined': '«{title}» тақырыбыңыздан жетекші бас тартты: {comment}',
    'notification.courseworks.handIn': 'Білім алушы «{milestone}» кезеңіне жұмыс тапсырды.',
    'notification.courseworks.comment': '«{milestone}» кезеңі бойынша жаңа хабарлама.',
    'notification.courseworks.reviewAccepted': 'Жетекші «{milestone}» кезеңін қабылдады.',
    'notification.courseworks.reviewNeedsChanges': 'Жетекші «{milestone}» кезеңін пысықтауға қайтарды.',
    'notification.courseworks.overdue':
      '«{milestone}» кезеңінің мерзімі ({due}) өтіп кетті: жұмысты тапсырыңыз.',
    'notification.courseworks.defenceScheduled':
      '«{discipline}» курстық жұмысының қорғауы тағайындалды: {at}.',
    'notification.courseworks.defenceGraded': '«{discipline}» курстық жұмысының қорғауы бағаланды: {letter}.',
  },
  ru: {
    'courseworks.notFound': 'Курсовая работа не найдена.',
    'courseworks.learnersOnly': 'Это может сделать только обучающийся, записанный на эту дисциплину.',
    'courseworks.timelineClosed': 'Срок курсовой работы закончился {date} с началом экзаменационной сессии.',
    'courseworks.unknownSupervisor': 'Такого активного пользователя нет: выберите руководителя заново.',
    'courseworks.topicTaken': 'Эту тему только что занял другой обучающийся. Выберите другую тему.',
    'courseworks.alreadyChosen': 'Вы уже выбрали тему этой курсовой работы: одна тема на обучающегося.',
    'courseworks.topicNotFound': 'Тема не найдена или не опубликована.',
    'courseworks.ownTopicsClosed': 'В этой курсовой работе нельзя предложить свою тему.',
    'courseworks.notASupervisor': 'Выберите одного из руководителей этой курсовой работы.',
    'courseworks.supervisorOnly': 'Это может сделать только руководитель этой темы.',
    'courseworks.declineNeedsComment': 'При отказе укажите причину в комментарии.',
    'courseworks.alreadyDecided': 'По этому выбору решение уже принято.',
    'courseworks.dueOutsideTimeline':
      'Срок должен быть между началом триместра ({from}) и началом сессии ({to}).',
    'courseworks.unknownMilestone': 'Такого этапа в этой курсовой работе нет.',
    'courseworks.oneFinal': 'Этап окончательной версии может быть только один.',
    'courseworks.milestoneHasHandIns': 'По этапу «{title}» уже сданы работы, удалить его нельзя.',
    'courseworks.milestoneNotFound': 'Этап не найден.',
    'courseworks.noAcceptedTopic': 'Сначала руководитель должен принять вашу тему.',
    'courseworks.emptyHandIn': 'Добавьте заметку или прикрепите хотя бы один файл.',
    'courseworks.unknownFile': 'Файл не найден: загрузите его снова.',
    'courseworks.threadParticipantsOnly': 'Консультацию ведут только обучающийся и его руководитель.',
    'courseworks.nothingToReview': 'По этому этапу ещё ничего не сдано.',
    'courseworks.uploadTooLarge': 'Файл слишком большой: не более {maxMb} МБ.',
    'courseworks.uploadType': 'Этот тип файла не принимается: загрузите PDF, DOCX, PPTX, XLSX, PNG или JPG.',
    'courseworks.uploadNoFile': 'Файл не отправлен.',
    'courseworks.finalNotHandedIn':
      'Чтобы рекомендовать к защите, сначала должна быть сдана окончательная версия.',
    'courseworks.unknownCommissionMember':
      'Такого активного пользователя нет: выберите члена комиссии заново.',
    'courseworks.learnerNotFound': 'Обучающийся не найден в этой курсовой работе.',
    'courseworks.notAdmitted':
      'Обучающийся не допущен к защите: нужна сданная окончательная версия и рекомендация руководителя.',
    'courseworks.defenceGraded': 'Защита уже оценена, её расписание менять нельзя.',
    'courseworks.commissionOnly':
      'Оценку ставит только член комиссии этого заседания или заведующий кафедрой.',
    'courseworks.defenceNotYet': 'Защита ещё не началась.',
    'courseworks.placeRequired': 'Укажите место проведения или ссылку для онлайн-защиты.',
    'courseworks.supervisorInactive': '{name} не активен: выберите руководителя заново.',
    'courseworks.supervisorLearner':
      '{name} — обучающийся этой курсовой работы и не может быть руководителем.',
    'courseworks.supervisorNotEntitled':
      '{name} не может руководить курсовой работой: нет роли преподавателя, экзаменатора или руководителя на этой кафедре или факультете.',
    'courseworks.commissionInactive': '{name} не активен: выберите в комиссию активного сотрудника.',
    'courseworks.commissionLearner':
      '{name} — обучающийся этой курсовой работы и не может быть членом комиссии.',
    'courseworks.commissionNotEntitled':
      '{name} не может входить в комиссию по защите курсовых работ: нет роли преподавателя, экзаменатора или руководителя на этой кафедре или факультете.',
    'courseworks.commissionSupervisorAlone':
      'Комиссия обучающегося {learner} состояла бы только из его руководителя {supervisor}: добавьте хотя бы одного члена помимо руководителя.',
    'courseworks.sessionNotFound': 'Заседание по защите не найдено в этой курсовой работе.',
    'courseworks.sessionGraded': 'На этом заседании уже выставлены оценки, изменить его нельзя.',
    'courseworks.sessionNotEmpty': 'В заседании есть обучающиеся: сначала перенесите их в другое заседание.',
    'courseworks.slotBeforeSession': 'Время обучающегося не может быть раньше начала заседания ({at}).',
    'courseworks.slotTaken':
      'На это время в заседании уже поставлен другой обучающийся: выберите другое время.',
    'courseworks.ownChoiceOnly': 'Отказаться от темы может только выбравший её обучающийся.',
    'courseworks.notLiveChoice': 'Этот выбор уже не действует.',
    'courseworks.withdrawalPending': 'Ваша просьба об отказе от темы уже рассматривается.',
    'courseworks.withdrawGraded': 'Защита уже оценена, отказаться от темы нельзя.',
    'courseworks.withdrawalDeciders':
      'Просьбу об отказе от темы решает только руководитель темы или заведующий кафедрой.',
    'notification.courseworks.commissionNamed':
      'Вы включены в комиссию по защите курсовых работ «{discipline}»: {at}.',
    'notification.courseworks.sessionChanged':
      'Заседание по защите курсовых работ «{discipline}» изменено: {at}.',
    'notification.courseworks.defenceCancelled': 'Защита курсовой работы «{discipline}» снята с расписания.',
    'notification.courseworks.withdrawn': 'Обучающийся отказался от темы «{title}»: {reason}',
    'notification.courseworks.withdrawalRequested':
      'Обучающийся просит отказаться от темы «{title}»: {reason}. Примите решение.',
    'notification.courseworks.withdrawalApproved': 'Ваш отказ от темы «{title}» принят. {comment}',
    'notification.courseworks.withdrawalDeclined':
      'Ваша просьба об отказе от темы «{title}» отклонена: {comment}',
    'notification.courseworks.topicTakenBy': 'Обучающийся выбрал тему «{title}».',
    'notification.courseworks.topicRequested': 'Обучающийся просит тему «{title}»: примите решение.',
    'notification.courseworks.topicAccepted': 'Руководитель принял вашу тему «{title}». {comment}',
    'notification.courseworks.topicDeclined': 'Руководитель отклонил вашу тему «{title}»: {comment}',
    'notification.courseworks.handIn': 'Обучающийся сдал работу по этапу «{milestone}».',
    'notification.courseworks.comment': 'Новое сообщение по этапу «{milestone}».',
    'notification.courseworks.reviewAccepted': 'Руководитель принял этап «{milestone}».',
    'notification.courseworks.reviewNeedsChanges': 'Руководитель вернул этап «{milestone}» на доработку.',
    'notification.courseworks.overdue': 'Срок этапа «{milestone}» ({due}) прошёл: сдайте работу.',
    'notification.courseworks.defenceScheduled': 'Назначена защита курсовой работы «{discipline}»: {at}.',
    'notification.courseworks.defenceGraded': 'Защита курсовой работы «{discipline}» оценена: {letter}.',
  },
  en: {
    'courseworks.notFound': 'Course work not found.',
    'courseworks.learnersOnly': 'Only a learner enrolled in this offering can do this.',
    'courseworks.timelineClosed': 'The course work closed on {date}, when the exam session started.',
    'courseworks.unknownSupervisor': 'There is no such active user: choose the supervisor again.',
    'courseworks.topicTaken': 'Another learner has just taken this topic. Please choose another one.',
    'courseworks.alreadyChosen':
      'You have already chosen a topic for this course work: one topic per learner.',
    'courseworks.topicNotFound': 'The topic was not found or is not published.',
    'courseworks.ownTopicsClosed': 'Proposing your own topic is not open in this course work.',
    'courseworks.notASupervisor': 'Choose one of the supervisors of this course work.',
    'courseworks.supervisorOnly': "Only the topic's supervisor can do this.",
    'courseworks.declineNeedsComment': 'When declining, give the reason in the comment.',
    'courseworks.alreadyDecided': 'This choice has already been decided.',
    'courseworks.dueOutsideTimeline':
      'The due date must lie between the trimester start ({from}) and the session start ({to}).',
    'courseworks.unknownMilestone': 'There is no such milestone in this course work.',
    'courseworks.oneFinal': 'There can be only one final-version milestone.',
    'courseworks.milestoneHasHandIns': 'Work has been handed in for "{title}"; it cannot be removed.',
    'courseworks.milestoneNotFound': 'Milestone not found.',
    'courseworks.noAcceptedTopic': 'Your topic must first be accepted by the supervisor.',
    'courseworks.emptyHandIn': 'Add a note or attach at least one file.',
    'courseworks.unknownFile': 'The file was not found: upload it again.',
    'courseworks.threadParticipantsOnly':
      'Only the learner and their supervisor take part in the consultation.',
    'courseworks.nothingToReview': 'Nothing has been handed in for this milestone yet.',
    'courseworks.uploadTooLarge': 'The file is too large: at most {maxMb} MB.',
    'courseworks.uploadType': 'This file type is not accepted: upload PDF, DOCX, PPTX, XLSX, PNG or JPG.',
    'courseworks.uploadNoFile': 'No file was sent.',
    'courseworks.finalNotHandedIn': 'The final version must be handed in before recommending the defence.',
    'courseworks.unknownCommissionMember':
      'There is no such active user: choose the commission member again.',
    'courseworks.learnerNotFound': 'The learner was not found in this course work.',
    'courseworks.notAdmitted':
      'The learner is not admitted to the defence: the final version must be handed in and the supervisor must recommend it.',
    'courseworks.defenceGraded': 'The defence has been graded; its schedule cannot change.',
    'courseworks.commissionOnly':
      "Only a member of this session's commission or the head of department records the grade.",
    'courseworks.defenceNotYet': 'The defence has not started yet.',
    'courseworks.placeRequired': 'Give the place or the online link.',
    'courseworks.supervisorInactive': '{name} is not active: choose the supervisor again.',
    'courseworks.supervisorLearner': '{name} is a learner of this course work and cannot supervise it.',
    'courseworks.supervisorNotEntitled':
      '{name} cannot supervise a course work here: they hold no teacher, examiner or supervisor role in this department or faculty.',
    'courseworks.commissionInactive':
      '{name} is not active: choose an active staff member for the commission.',
    'courseworks.commissionLearner':
      '{name} is a learner of this course work and cannot sit on the commission.',
    'courseworks.commissionNotEntitled':
      '{name} cannot sit on a course-work defence commission: they hold no teacher, examiner or supervisor role in this department or faculty.',
    'courseworks.commissionSupervisorAlone':
      "{learner}'s commission would be their supervisor {supervisor} alone: add at least one member besides the supervisor.",
    'courseworks.sessionNotFound': 'The defence session was not found in this course work.',
    'courseworks.sessionGraded': 'Grades have been recorded in this session; it cannot change.',
    'courseworks.sessionNotEmpty': 'Learners are placed in this session: move them to another session first.',
    'courseworks.slotBeforeSession': "The learner's time cannot be before the session starts ({at}).",
    'courseworks.slotTaken': 'Another learner has this time in the session: choose another time.',
    'courseworks.ownChoiceOnly': 'Only the learner who chose the topic can withdraw from it.',
    'courseworks.notLiveChoice': 'This choice no longer stands.',
    'courseworks.withdrawalPending': 'Your request to withdraw from the topic is being considered.',
    'courseworks.withdrawGraded': 'The defence has been graded; you cannot withdraw from the topic.',
    'courseworks.withdrawalDeciders':
      "Only the topic's supervisor or the head of department decides a withdrawal request.",
    'notification.courseworks.commissionNamed':
      'You are on the course-work defence commission in "{discipline}": {at}.',
    'notification.courseworks.sessionChanged':
      'The course-work defence session in "{discipline}" has changed: {at}.',
    'notification.courseworks.defenceCancelled':
      'Your course-work defence in "{discipline}" was taken off the schedule.',
    'notification.courseworks.withdrawn': 'A learner withdrew from the topic "{title}": {reason}',
    'notification.courseworks.withdrawalRequested':
      'A learner asks to withdraw from the topic "{title}": {reason}. Please decide.',
    'notification.courseworks.withdrawalApproved':
      'Your withdrawal from the topic "{title}" was approved. {comment}',
    'notification.courseworks.withdrawalDeclined':
      'Your request to withdraw from the topic "{title}" was declined: {comment}',
    'notification.courseworks.topicTakenBy': 'A learner took the topic "{title}".',
    'notification.courseworks.topicRequested': 'A learner asks for the topic "{title}": please decide.',
    'notification.courseworks.topicAccepted': 'The supervisor accepted your topic "{title}". {comment}',
    'notification.courseworks.topicDeclined': 'The supervisor declined your topic "{title}": {comment}',
    'notification.courseworks.handIn': 'A learner handed in work for "{milestone}".',
    'notification.courseworks.comment': 'New message on "{milestone}".',
    'notification.courseworks.reviewAccepted': 'The supervisor accepted "{milestone}".',
    'notification.courseworks.reviewNeedsChanges': 'The supervisor returned "{milestone}" for changes.',
    'notification.courseworks.overdue':
      'The due date of "{milestone}" ({due}) has passed: please hand in your work.',
    'notification.courseworks.defenceScheduled':
      'Your course-work defence in "{discipline}" is scheduled: {at}.',
    'notification.courseworks.defenceGraded':
      'Your course-work defence in "{discipline}" was graded: {letter}.',
  },
});
