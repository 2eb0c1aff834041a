import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'audit.rangeReversed': 'Кезеңнің соңы басынан ерте болмауы керек.',
    'audit.verify.intact': 'Аудит журналы бүтін: {rows} жазба тексерілді.',
    'audit.verify.changed': '{seq}-жазбаның мазмұны оның хэшіне сәйкес келмейді: жазба өзгертілген.',
    'audit.verify.broken': '{seq}-жазбаның алдында тізбек үзілген: жазба жойылған немесе орны ауыстырылған.',
    'audit.verify.allOk':
      'Барлық тексеру сәтті өтті: журнал, күтудегі жазбалар, тест әрекеттері және қорытынды нәтижелер бүтін.',
    'audit.verify.someBad': 'Тексерудің {failed} бөлігі ({total} бөліктің) сәтсіз аяқталды.',
    'audit.verify.running': 'Тексеру қазір орындалып жатыр. Аяқталуын күтіп, қайталаңыз.',
    'audit.verify.pendingNone': 'Тізбекке қосылуды күтетін жазба жоқ.',
    'audit.verify.pendingRecent': 'Тізбекке қосылуды {entries} жаңа жазба күтуде (бұл қалыпты).',
    'audit.verify.pendingStale':
      'Тізбекке қосылуды {entries} жазба күтуде, ең ескісі {since} бастап — {minutes} минуттан артық: сервер жұмыс істеп тұр ма?',
    'audit.verify.attemptsOk':
      'Тест әрекеттері бүтін: {attempts} жауап тізбегі тексерілді ({pending} қорытынды хэш тізбекке қосылуды күтуде).',
    'audit.verify.attemptsBad': '{attempts} тест әрекетінің {failed} тексеруден өтпеді.',
    'audit.verify.attempt.event':
      '{id} әрекеті: сақталған жауап не оқиға өз хэшіне сәйкес келмейді (өзгертілген).',
    'audit.verify.attempt.head': '{id} әрекеті: тізбек әрекетте сақталған соңғы хэшпен аяқталмайды.',
    'audit.verify.attempt.noFinal': '{id} әрекеті: журналда оның қорытынды хэші жоқ.',
    'audit.verify.attempt.otherFinal': '{id} әрекеті: журналда басқа қорытынды хэш тұр.',
    'audit.verify.resultsOk':
      'Қорытынды нәтижелер бүтін: {finalResults} нәтиже бекітілген ведомостарына және журналға сәйкес; {transfers} кредит қайта есебі және {pastGrades} көшірілген баға журналда бар.',
    'audit.verify.resultsBad':
      'Қорытынды нәтижелердің, кредит қайта есептерінің не көшірілген бағалардың {failed} тексеруден өтпеді.',
    'audit.verify.kind.final_result': '{user} білім алушының қорытынды нәтижесі (оқу ағыны {subject})',
    'audit.verify.kind.credit_transfer': '{user} білім алушының кредит қайта есебі {subject}',
    'audit.verify.kind.past_grade': '{user} білім алушының көшірілген бағасы {subject}',
    'audit.verify.reason.statement-not-approved': 'ведомосы бекітілмеген',
    'audit.verify.reason.statement-of-another-offering': 'ведомосы басқа оқу ағынына тиесілі',
    'audit.verify.reason.learner-not-on-statement': 'білім алушы ведомоста жоқ',
    'audit.verify.reason.differs-from-statement': 'ведомостағыдан өзгеше',
    'audit.verify.reason.superseded-statement': 'кейінгі ведомоспен ауыстырылған',
    'audit.verify.reason.differs-from-offering': 'оқу ағынының пәнінен, кезеңінен не кредиттерінен өзгеше',
    'audit.verify.reason.not-in-ledger': 'журналда жазылмаған',
    'audit.verify.reason.differs-from-ledger': 'журналда жазылғаннан өзгеше',
  },
  ru: {
    'audit.rangeReversed': 'Конец периода не может быть раньше начала.',
    'audit.verify.intact': 'Журнал аудита не нарушен: проверено записей — {rows}.',
    'audit.verify.changed': 'Содержимое записи {seq} не совпадает с её хэшем: запись изменена.',
    'audit.verify.broken': 'Цепочка прервана перед записью {seq}: запись удалена или переставлена.',
    'audit.verify.allOk':
      'Проверка пройдена: журнал, ожидающие записи, попытки тестов и итоговые результаты не нарушены.',
    'audit.verify.someBad': 'Не пройдено частей проверки: {failed} из {total}.',
    'audit.verify.running': 'Проверка уже выполняется. Дождитесь её завершения и повторите.',
    'audit.verify.pendingNone': 'Записей, ожидающих включения в цепочку, нет.',
    'audit.verify.pendingRecent': 'Новых записей, ожидающих включения в цепочку: {entries} (это нормально).',
    'audit.verify.pendingStale':
      'Записей, ожидающих включения в цепочку: {entries}, самая старая с {since} — дольше {minutes} минут: работает ли сервер?',
    'audit.verify.attemptsOk':
      'Попытки тестов не нарушены: проверено цепочек ответов — {attempts} (итоговых хэшей ждут включения в журнал: {pending}).',
    'audit.verify.attemptsBad': 'Не прошли проверку попыток тестов: {failed} из {attempts}.',
    'audit.verify.attempt.event':
      'Попытка {id}: сохранённый ответ или событие не совпадает со своим хэшем (изменено).',
    'audit.verify.attempt.head':
      'Попытка {id}: цепочка не заканчивается итоговым хэшем, сохранённым в попытке.',
    'audit.verify.attempt.noFinal': 'Попытка {id}: в журнале нет её итогового хэша.',
    'audit.verify.attempt.otherFinal': 'Попытка {id}: в журнале записан другой итоговый хэш.',
    'audit.verify.resultsOk':
      'Итоговые результаты не нарушены: {finalResults} совпадают с утверждёнными ведомостями и журналом; перезачётов в журнале — {transfers}, перенесённых оценок — {pastGrades}.',
    'audit.verify.resultsBad':
      'Не прошли проверку итоговых результатов, перезачётов или перенесённых оценок: {failed}.',
    'audit.verify.kind.final_result': 'Итоговый результат обучающегося {user} (поток {subject})',
    'audit.verify.kind.credit_transfer': 'Перезачёт {subject} обучающегося {user}',
    'audit.verify.kind.past_grade': 'Перенесённая оценка {subject} обучающегося {user}',
    'audit.verify.reason.statement-not-approved': 'ведомость не утверждена',
    'audit.verify.reason.statement-of-another-offering': 'ведомость относится к другому потоку',
    'audit.verify.reason.learner-not-on-statement': 'обучающегося нет в ведомости',
    'audit.verify.reason.differs-from-statement': 'отличается от ведомости',
    'audit.verify.reason.superseded-statement': 'заменён более поздней ведомостью',
    'audit.verify.reason.differs-from-offering': 'отличается от дисциплины, периода или кредитов потока',
    'audit.verify.reason.not-in-ledger': 'не записан в журнал',
    'audit.verify.reason.differs-from-ledger': 'отличается от записанного в журнале',
  },
  en: {
    'audit.rangeReversed': 'The end of the period cannot be before its start.',
    'audit.verify.intact': 'The audit ledger is intact: {rows} rows verified.',
    'audit.verify.changed': 'Row {seq} does not match its hash: the row was altered.',
    'audit.verify.broken': 'The chain breaks before row {seq}: a row was removed or reordered.',
    'audit.verify.allOk':
      'Everything verified is intact: the ledger, the entries waiting for it, test attempts and final results.',
    'audit.verify.someBad': '{failed} of {total} parts of the verification failed.',
    'audit.verify.running': 'A verification is already running. Wait for it to finish and try again.',
    'audit.verify.pendingNone': 'No entries wait to be chained into the ledger.',
    'audit.verify.pendingRecent':
      '{entries} recent entries wait to be chained into the ledger (this is normal).',
    'audit.verify.pendingStale':
      '{entries} entries wait to be chained into the ledger, the oldest since {since} — more than {minutes} minutes: is a server running?',
    'audit.verify.attemptsOk':
      'Test attempts intact: {attempts} answer chains verified ({pending} final hashes waiting to be chained).',
    'audit.verify.attemptsBad': '{failed} of {attempts} test attempts fail verification.',
    'audit.verify.attempt.event': 'Attempt {id}: a saved answer or event does not match its hash (altered).',
    'audit.verify.attempt.head':
      'Attempt {id}: the chain does not end at the final hash stored with the attempt.',
    'audit.verify.attempt.noFinal': 'Attempt {id}: the ledger holds no final hash for it.',
    'audit.verify.attempt.otherFinal': 'Attempt {id}: the ledger holds another final hash.',
    'audit.verify.resultsOk':
      'Final results intact: {finalResults} match their approved statements and the ledger; {transfers} credit transfers and {pastGrades} migrated past grades are in the ledger.',
    'audit.verify.resultsBad':
      '{failed} final results, credit transfers or migrated grades fail verification.',
    'audit.verify.kind.final_result': 'Final result of learner {user} (offering {subject})',
    'audit.verify.kind.credit_transfer': 'Credit transfer {subject} of learner {user}',
    'audit.verify.kind.past_grade': 'Migrated grade {subject} of learner {user}',
    'audit.verify.reason.statement-not-approved': 'its statement is not approved',
    'audit.verify.reason.statement-of-another-offering': 'its statement belongs to another offering',
    'audit.verify.reason.learner-not-on-statement': 'the learner is not on the statement',
    'audit.verify.reason.differs-from-statement': 'it differs from the statement',
    'audit.verify.reason.superseded-statement': 'a later statement replaced it',
    'audit.verify.reason.differs-from-offering':
      "it differs from the offering's discipline, period or credits",
    'audit.verify.reason.not-in-ledger': 'it is not in the ledger',
    'audit.verify.reason.differs-from-ledger': 'it differs from what the ledger recorded',
  },
});
