import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'content.offeringEnded':
      'Ағымның оқу кезеңі {endsOn} күні аяқталды: оның өз бөлімдері, материалдары мен хабарландыруларын енді өзгертуге болмайды. Пәннің ортақ кешенін келесі ағымдар үшін өңдей беруге болады.',
    'content.sectionNotEmpty': 'Бөлімде материалдар бар: алдымен оларды басқа бөлімге ауыстырыңыз.',
    'content.sectionsNotOfDiscipline': 'Тізімдегі бөлімдердің бірі бұл пәнге тиесілі емес немесе жоқ.',
    'content.materialsNotOfSection':
      'Тізімдегі материалдардың бірі бұл пәнге немесе осы бөлімнің ағымына тиесілі емес.',
    'content.materialWasApproved':
      'Материал мақұлданған, білім алушылар оны көрген: оны жоюға болмайды, тек өзгертуге болады (барлық нұсқасы сақталады).',
    'content.materialInReview': 'Материал рецензияда: шешім шыққанша оны өзгертуге болмайды.',
    'content.notInReview': 'Материалдың бұл нұсқасы рецензияға жіберілмеген.',
    'content.nothingToSubmit': 'Рецензияға жіберетін жоба жоқ.',
    'content.ownMaterial': 'Өзіңіз жазған материалға рецензия жаза алмайсыз.',
    'content.fileNotYours': 'Бұл файлды сіз жүктемегенсіз немесе ол жоқ.',
    'content.fileMissing': 'Бұл материалда файл жоқ.',
    'content.termsNotAccepted': 'Материалдарды жүктеп алу үшін алдымен жеке пайдалану шарттарын қабылдаңыз.',
    'content.uploadTooLarge': 'Файл тым үлкен: ең көбі {maxMb} МБ.',
    'content.uploadType': 'Бұл файл түріне рұқсат жоқ немесе файлдың мазмұны оның атауына сәйкес емес.',
    'content.uploadArchive': 'Архив тым үлкен, файлдары тым көп немесе ішіндегі жолдар қауіпті.',
    'content.uploadNoFile': 'Файл жіберілмеді (multipart өрісі: file).',
    'content.pdfUnreadable': 'PDF файлын оқу мүмкін емес (зақымдалған немесе шифрланған).',
    'content.kindMismatch': 'Материал түріне сай емес мазмұн: {detail}.',
    'content.sectionOffering': 'Бөлім басқа ағымға тиесілі.',
    'content.rangeNotSatisfiable': 'Сұралған бөлік файлдан тыс.',
    'notification.content.submitted': 'Рецензияға жаңа материал жіберілді: «{title}».',
    'notification.content.approved': 'Материалыңыз мақұлданды: «{title}».',
    'notification.content.returned': 'Материалыңыз ескертулермен қайтарылды: «{title}».',
    'notification.content.announcement': '{course} пәні бойынша хабарландыру: {title}',
    'notification.content.stale':
      'Материал 12 айдан бері жаңартылмаған: «{title}». Оны жаңартып, рецензияға жіберіңіз.',
    'notification.content.reviewerAppointed':
      'Сіз кафедраның оқу материалдарына рецензент болып тағайындалдыңыз.',
  },
  ru: {
    'content.offeringEnded':
      'Учебный период потока закончился {endsOn}: его собственные разделы, материалы и объявления больше нельзя менять. Общий комплекс дисциплины можно и дальше редактировать для следующих потоков.',
    'content.sectionNotEmpty': 'В разделе есть материалы: сначала перенесите их в другой раздел.',
    'content.sectionsNotOfDiscipline':
      'Один из разделов списка не относится к этой дисциплине или не существует.',
    'content.materialsNotOfSection':
      'Один из материалов списка не относится к этой дисциплине или к потоку этого раздела.',
    'content.materialWasApproved':
      'Материал был одобрен и виден обучающимся: его нельзя удалить, только изменить (все версии сохраняются).',
    'content.materialInReview': 'Материал на рецензии: до решения его нельзя менять.',
    'content.notInReview': 'Эта версия материала не отправлена на рецензию.',
    'content.nothingToSubmit': 'Нет черновика для отправки на рецензию.',
    'content.ownMaterial': 'Нельзя рецензировать собственный материал.',
    'content.fileNotYours': 'Этот файл загружен не вами или не существует.',
    'content.fileMissing': 'У материала нет файла.',
    'content.termsNotAccepted': 'Чтобы скачивать материалы, сначала примите условия личного использования.',
    'content.uploadTooLarge': 'Файл слишком велик: не больше {maxMb} МБ.',
    'content.uploadType': 'Такой тип файла не разрешён или содержимое не соответствует имени файла.',
    'content.uploadArchive': 'Архив слишком велик, в нём слишком много файлов или опасные пути.',
    'content.uploadNoFile': 'Файл не передан (поле multipart: file).',
    'content.pdfUnreadable': 'PDF не читается (повреждён или зашифрован).',
    'content.kindMismatch': 'Содержимое не соответствует виду материала: {detail}.',
    'content.sectionOffering': 'Раздел относится к другому потоку.',
    'content.rangeNotSatisfiable': 'Запрошенный диапазон вне файла.',
    'notification.content.submitted': 'На рецензию отправлен материал: «{title}».',
    'notification.content.approved': 'Ваш материал одобрен: «{title}».',
    'notification.content.returned': 'Ваш материал возвращён с замечаниями: «{title}».',
    'notification.content.announcement': 'Объявление по дисциплине {course}: {title}',
    'notification.content.stale':
      'Материал не обновлялся 12 месяцев: «{title}». Обновите его и отправьте на рецензию.',
    'notification.content.reviewerAppointed': 'Вы назначены рецензентом учебных материалов кафедры.',
  },
  en: {
    'content.offeringEnded':
      "The offering's period ended on {endsOn}: its own sections, materials and announcements can no longer be changed. The discipline's shared complex stays editable for the next offerings.",
    'content.sectionNotEmpty': 'The section holds materials: move them to another section first.',
    'content.sectionsNotOfDiscipline':
      'One of the listed sections is not of this discipline, or does not exist.',
    'content.materialsNotOfSection':
      "One of the listed materials is not of this discipline or of this section's offering.",
    'content.materialWasApproved':
      'The material was approved and learners have seen it: it cannot be deleted, only changed (every version is kept).',
    'content.materialInReview': 'The material is in review: it cannot be changed until the reviewer decides.',
    'content.notInReview': 'This version of the material was not sent for review.',
    'content.nothingToSubmit': 'There is no draft to send for review.',
    'content.ownMaterial': 'You cannot review a material you wrote.',
    'content.fileNotYours': 'This file was not uploaded by you, or does not exist.',
    'content.fileMissing': 'This material has no file.',
    'content.termsNotAccepted': 'Accept the terms of personal use of the materials before downloading them.',
    'content.uploadTooLarge': 'The file is too large: at most {maxMb} MB.',
    'content.uploadType': 'This type of file is not allowed, or its content does not match its name.',
    'content.uploadArchive': 'The archive is too large, has too many files, or has unsafe paths.',
    'content.uploadNoFile': 'No file was sent (multipart field: file).',
    'content.pdfUnreadable': 'The PDF cannot be read (damaged or encrypted).',
    'content.kindMismatch': 'The content does not fit the kind of material: {detail}.',
    'content.sectionOffering': 'The section belongs to another offering.',
    'content.rangeNotSatisfiable': 'The requested range is outside the file.',
    'notification.content.submitted': 'A material was sent for your review: “{title}”.',
    'notification.content.approved': 'Your material was approved: “{title}”.',
    'notification.content.returned': 'Your material was returned with comments: “{title}”.',
    'notification.content.announcement': 'Announcement in {course}: {title}',
    'notification.content.stale':
      'A material has not been updated for 12 months: “{title}”. Update it and send it for review.',
    'notification.content.reviewerAppointed':
      "You were appointed a reviewer of your department's learning materials.",
  },
});
