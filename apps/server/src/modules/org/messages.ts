import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'org.parentNotFound': 'Жоғары тұрған бөлімше табылмады.',
    'org.parentKind':
      '«{kind}» түріндегі бөлімше бұл жерде тұра алмайды: оның жоғарғы бөлімшесі {allowed} болуы керек.',
    'org.cycle': 'Бөлімшені өзінің ішіндегі бөлімшеге ауыстыруға болмайды.',
    'org.codeTaken': '«{code}» коды бар бөлімше бұрыннан бар.',
    'org.notEmpty':
      'Бөлімшені жою мүмкін емес: онда ішкі бөлімшелер, топтар, рөлдер немесе оқу жазбалары бар.',
    'org.top': 'жоғарғы деңгей',
    'groups.parentNotFound': 'Жоғары тұрған топ табылмады.',
    'groups.orgUnitNotFound': 'Көрсетілген бөлімше табылмады.',
    'groups.parentKind': '«{kind}» түріндегі топтың жоғарғы тобы {allowed} болуы керек.',
    'groups.cycle': 'Топты өзінің ішіндегі топқа ауыстыруға болмайды.',
    'groups.codeTaken': '«{code}» коды бар топ бұрыннан бар.',
    'groups.hasChildren': 'Топты жою мүмкін емес: алдымен оның ішкі топтарын жойыңыз немесе ауыстырыңыз.',
    'groups.inUse': 'Топты жою мүмкін емес: оған оқу жазбалары сілтеме жасайды.',
    'groups.unknownUsers': 'Кейбір пайдаланушылар табылмады.',
    'groups.notMember': 'Пайдаланушы бұл топтың мүшесі емес.',
  },
  ru: {
    'org.parentNotFound': 'Вышестоящее подразделение не найдено.',
    'org.parentKind':
      'Подразделение вида «{kind}» не может стоять здесь: его вышестоящим должно быть {allowed}.',
    'org.cycle': 'Нельзя перенести подразделение внутрь него самого.',
    'org.codeTaken': 'Подразделение с кодом «{code}» уже есть.',
    'org.notEmpty':
      'Подразделение нельзя удалить: в нём есть вложенные подразделения, группы, роли или учебные записи.',
    'org.top': 'верхний уровень',
    'groups.parentNotFound': 'Вышестоящая группа не найдена.',
    'groups.orgUnitNotFound': 'Указанное подразделение не найдено.',
    'groups.parentKind': 'Вышестоящей для группы вида «{kind}» должна быть {allowed}.',
    'groups.cycle': 'Нельзя перенести группу внутрь неё самой.',
    'groups.codeTaken': 'Группа с кодом «{code}» уже есть.',
    'groups.hasChildren': 'Группу нельзя удалить: сначала удалите или перенесите её подгруппы.',
    'groups.inUse': 'Группу нельзя удалить: на неё ссылаются учебные записи.',
    'groups.unknownUsers': 'Некоторые пользователи не найдены.',
    'groups.notMember': 'Пользователь не состоит в этой группе.',
  },
  en: {
    'org.parentNotFound': 'The parent unit was not found.',
    'org.parentKind': 'A unit of kind “{kind}” cannot sit here: its parent must be {allowed}.',
    'org.cycle': 'A unit cannot be moved inside itself.',
    'org.codeTaken': 'A unit with code “{code}” already exists.',
    'org.notEmpty': 'The unit cannot be deleted: it has sub-units, groups, roles or academic records.',
    'org.top': 'the top level',
    'groups.parentNotFound': 'The parent group was not found.',
    'groups.orgUnitNotFound': 'The organizational unit was not found.',
    'groups.parentKind': 'A group of kind “{kind}” must have as its parent: {allowed}.',
    'groups.cycle': 'A group cannot be moved inside itself.',
    'groups.codeTaken': 'A group with code “{code}” already exists.',
    'groups.hasChildren': 'The group cannot be deleted: delete or move its subgroups first.',
    'groups.inUse': 'The group cannot be deleted: academic records refer to it.',
    'groups.unknownUsers': 'Some users were not found.',
    'groups.notMember': 'The user is not a member of this group.',
  },
});
