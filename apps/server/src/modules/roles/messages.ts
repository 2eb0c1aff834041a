import { registerMessages } from '../../platform/i18n.ts';

registerMessages({
  kk: {
    'roles.unknownRole': '«{role}» рөлі жоқ.',
    'roles.scopeTypeNotAllowed': '«{role}» рөлін «{scopeType}» аумағында беруге болмайды.',
    'roles.scopeIdRequired': 'Аумақ көрсетілмеген (scopeId).',
    'roles.scopeIdForbidden': 'Жүйелік аумақ үшін scopeId көрсетілмейді.',
    'roles.scopeNotFound': 'Көрсетілген аумақ табылмады.',
    'roles.duplicate': 'Пайдаланушыда бұл рөл осы аумақта бұрыннан бар.',
    'roles.escalation': 'Өзіңізде жоқ құқықтары бар рөлді беруге немесе алып тастауға болмайды.',
    'roles.lastAdmin': 'Соңғы белсенді жүйе әкімшісінің рөлін алып тастауға болмайды.',
    'roles.assignmentNotFound': 'Рөл тағайындауы табылмады.',
  },
  ru: {
    'roles.unknownRole': 'Роли «{role}» нет.',
    'roles.scopeTypeNotAllowed': 'Роль «{role}» нельзя выдать в области «{scopeType}».',
    'roles.scopeIdRequired': 'Не указана область (scopeId).',
    'roles.scopeIdForbidden': 'Для системной области scopeId не указывается.',
    'roles.scopeNotFound': 'Указанная область не найдена.',
    'roles.duplicate': 'У пользователя уже есть эта роль в этой области.',
    'roles.escalation': 'Нельзя выдать или отозвать роль с правами, которых нет у вас.',
    'roles.lastAdmin': 'Нельзя отозвать роль у последнего активного системного администратора.',
    'roles.assignmentNotFound': 'Назначение роли не найдено.',
  },
  en: {
    'roles.unknownRole': 'There is no role “{role}”.',
    'roles.scopeTypeNotAllowed': 'The role “{role}” cannot be granted with scope “{scopeType}”.',
    'roles.scopeIdRequired': 'The scope (scopeId) is missing.',
    'roles.scopeIdForbidden': 'The system scope takes no scopeId.',
    'roles.scopeNotFound': 'The scope was not found.',
    'roles.duplicate': 'The user already holds this role in this scope.',
    'roles.escalation': 'You cannot grant or revoke a role with permissions you do not hold yourself.',
    'roles.lastAdmin': 'The last active system administrator cannot lose that role.',
    'roles.assignmentNotFound': 'The role assignment was not found.',
  },
});
