import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'admission.alreadyGranted': 'Бұл білім алушыға жеке рұқсат бұрын берілген.',
    'journal.twoDecimals': 'Баға ең көбі екі ондық таңбамен жазылады.',
    'journal.unknownActivity': 'Бұл бақылау іс-шарасы осы пән ағымына жатпайды.',
    'journal.notEnrolled': 'Бұл білім алушы осы пән ағымына жазылмаған.',
    'journal.windowClosed':
      'Бағаны өзгерту мерзімі {date} күні аяқталды. Деканат іс-шараны қайта ашқаннан кейін ғана өзгертуге болады.',
    'journal.reasonRequired': 'Қайта ашылған іс-шараның бағасын өзгерту үшін себебін жазыңыз.',
    'journal.ifMatchRequired':
      'Ұяшықтың сіз көрген нұсқасын If-Match тақырыбында жіберіңіз (бос ұяшық үшін "0").',
    'grading.decimal': 'Ондық сан күтіледі (мысалы, 0.5 немесе 3.67), рұқсат етілген шектен аспауы керек.',
    'grading.letter': 'Әріптік баға дұрыс емес (мысалы, A, A-, B+, FX).',
    'grading.weightsSum': 'Салмақтардың қосындысы 1-ге тең болуы керек.',
    'grading.scale.empty': 'Шкала бос.',
    'grading.scale.bounds': '{letter} бағасының пайыздық шектері дұрыс емес.',
    'grading.scale.points':
      '{letter} бағасының сандық баламасы 0 мен 4 аралығында, екі ондық таңбамен болуы керек.',
    'grading.scale.duplicateLetter': '{letter} бағасы екі рет көрсетілген.',
    'grading.scale.gap': 'Шкалада бос орын бар: {from}–{to} пайыз ешбір бағаға жатпайды.',
    'grading.scale.overlap': '{percent} пайыз екі бағаға бірдей жатады: {letters}.',
    'grading.scale.uncovered': 'Шкала {percent} пайызды қамтымайды.',
    'grading.noSettings': '{year} оқу жылына бағалау ережелері белгіленбеген.',
    'grading.versionConflict':
      'Бағалау ережелерінің жаңа нұсқасын басқа біреу дәл қазір сақтады. Қайталаңыз.',
  },
  ru: {
    'admission.alreadyGranted': 'Этому обучающемуся индивидуальный допуск уже предоставлен.',
    'journal.twoDecimals': 'Оценка записывается не более чем с двумя знаками после запятой.',
    'journal.unknownActivity': 'Это контрольное мероприятие не относится к данному потоку.',
    'journal.notEnrolled': 'Этот обучающийся не записан на данный поток.',
    'journal.windowClosed':
      'Срок изменения оценки истёк {date}. Изменить её можно только после того, как деканат вновь откроет мероприятие.',
    'journal.reasonRequired': 'Чтобы изменить оценку вновь открытого мероприятия, укажите причину.',
    'journal.ifMatchRequired':
      'Отправьте в заголовке If-Match версию ячейки, которую вы видели ("0" для пустой ячейки).',
    'grading.decimal': 'Ожидается десятичное число (например, 0.5 или 3.67) в допустимых пределах.',
    'grading.letter': 'Неверная буквенная оценка (например, A, A-, B+, FX).',
    'grading.weightsSum': 'Сумма весов должна быть равна 1.',
    'grading.scale.empty': 'Шкала пуста.',
    'grading.scale.bounds': 'Неверные процентные границы оценки {letter}.',
    'grading.scale.points':
      'Цифровой эквивалент оценки {letter} должен быть от 0 до 4, не более двух знаков после запятой.',
    'grading.scale.duplicateLetter': 'Оценка {letter} указана дважды.',
    'grading.scale.gap': 'В шкале разрыв: {from}–{to} % не относятся ни к одной оценке.',
    'grading.scale.overlap': '{percent} % относятся сразу к двум оценкам: {letters}.',
    'grading.scale.uncovered': 'Шкала не покрывает {percent} %.',
    'grading.noSettings': 'Правила оценивания для {year} учебного года не заданы.',
    'grading.versionConflict': 'Новую версию правил оценивания только что сохранил кто-то другой. Повторите.',
  },
  en: {
    'admission.alreadyGranted': 'This learner has already been admitted individually.',
    'journal.twoDecimals': 'A mark has at most two decimals.',
    'journal.unknownActivity': 'This control activity does not belong to this offering.',
    'journal.notEnrolled': 'This learner is not enrolled in this offering.',
    'journal.windowClosed':
      'The time to change this mark ended on {date}. It can be changed only after the dean’s office reopens the activity.',
    'journal.reasonRequired': 'Give a reason to change a mark of a reopened activity.',
    'journal.ifMatchRequired':
      'Send the cell version you saw in the If-Match header ("0" for an empty cell).',
    'grading.decimal': 'A decimal number is expected (e.g. 0.5 or 3.67) within the allowed range.',
    'grading.letter': 'Invalid letter grade (e.g. A, A-, B+, FX).',
    'grading.weightsSum': 'The weights must add up to 1.',
    'grading.scale.empty': 'The scale is empty.',
    'grading.scale.bounds': 'The percent bounds of {letter} are invalid.',
    'grading.scale.points': 'The digital equivalent of {letter} must be 0 to 4 with at most two decimals.',
    'grading.scale.duplicateLetter': '{letter} appears twice.',
    'grading.scale.gap': 'The scale has a gap: {from}–{to} % belong to no grade.',
    'grading.scale.overlap': '{percent} % belongs to two grades: {letters}.',
    'grading.scale.uncovered': 'The scale does not cover {percent} %.',
    'grading.noSettings': 'No grading rules are set for the academic year {year}.',
    'grading.versionConflict': 'Someone else has just saved a new version of the grading rules. Try again.',
  },
});
