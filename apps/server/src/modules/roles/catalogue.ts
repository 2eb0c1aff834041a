import type { Permission } from '#core/permissions.ts';
import { permissions as allPermissions } from '#core/permissions.ts';
import type { ScopeType } from '../../platform/policy.ts';

export type RoleDefinition = {
  code: string;
  name: { kk: string; ru: string; en: string };
  permissions: readonly Permission[];
  scopeTypes: readonly ScopeType[];
  requiresTwoFactor?: boolean;
};

const staffRead: Permission[] = ['users.read', 'groups.read', 'roles.read'];

/** What the DL institute does in the academic structure: programmes to certificates. */
const dlInstituteAcademics: Permission[] = [
  'programmes.manage',
  'curricula.manage',
  'calendar.manage',
  'timetable.manage',
  'academicGroups.manage',
  'offerings.read',
  'offerings.manage',
  'certificates.manage',
];

/**
 * The built-in roles (R-ORG-2), synchronized into the roles table at every migration.
 * Later areas extend the permission lists; an administrator's changes to the
 * two-factor requirement are kept.
 */
export const roleCatalogue: RoleDefinition[] = [
  {
    code: 'system_admin',
    name: { kk: 'Жүйе әкімшісі', ru: 'Системный администратор', en: 'System administrator' },
    permissions: [...allPermissions],
    scopeTypes: ['system'],
  },
  {
    code: 'it_support',
    name: { kk: 'АТД қолдау қызметі', ru: 'Техническая поддержка ДИТ', en: 'IT support' },
    permissions: [
      'users.read',
      'users.endSessions',
      'groups.read',
      'roles.read',
      'audit.read',
      'mail.outbox.read',
    ],
    scopeTypes: ['system'],
  },
  {
    code: 'dl_institute_director',
    name: { kk: 'БАжҚОИ директоры', ru: 'Директор ИПКиДО', en: 'DL institute director' },
    permissions: [
      ...staffRead,
      'groups.manage',
      'users.manage',
      'users.import',
      ...dlInstituteAcademics,
      'curricula.approve',
      'certificates.waive',
      'content.reports',
      'records.admit',
      'records.orders',
      'records.read',
    ],
    scopeTypes: ['system', 'org_unit'],
  },
  {
    code: 'dl_institute_staff',
    name: { kk: 'БАжҚОИ қызметкері', ru: 'Сотрудник ИПКиДО', en: 'DL institute staff' },
    permissions: [
      ...staffRead,
      'groups.manage',
      ...dlInstituteAcademics,
      'content.reports',
      'records.admit',
      'records.read',
    ],
    scopeTypes: ['system', 'org_unit'],
  },
  {
    code: 'academic_affairs_director',
    name: {
      kk: 'Академиялық мәселелер департаментінің директоры',
      ru: 'Директор департамента академических вопросов',
      en: 'Director of Academic Affairs',
    },
    permissions: [
      'grading.manage',
      ...staffRead,
      'calendar.manage',
      'calendar.approve',
      'curricula.approve',
      'offerings.read',
      'records.read',
    ],
    scopeTypes: ['system'],
  },
  {
    code: 'registrar',
    name: { kk: 'Тіркеуші', ru: 'Регистратор', en: 'Registrar' },
    permissions: [
      'journal.read',
      'grading.manage',
      ...staffRead,
      'users.readIin',
      'offerings.read',
      'records.read',
      'records.importGrades',
      'statements.read',
      'statements.generate',
      'records.promote',
    ],
    scopeTypes: ['system', 'org_unit'],
  },
  {
    code: 'assessment_head',
    name: {
      kk: 'Білімді бағалау және аттестаттау бөлімінің басшысы',
      ru: 'Руководитель отдела оценки знаний и аттестации',
      en: 'Head of assessment and attestation',
    },
    permissions: [...staffRead, 'users.readIin', 'offerings.read', 'statements.read', 'statements.approve'],
    scopeTypes: ['system', 'org_unit'],
  },
  {
    code: 'dean',
    name: { kk: 'Декан', ru: 'Декан', en: 'Dean' },
    permissions: [
      'journal.read',
      'statements.read',
      'admission.grant',
      'journal.reopen',
      ...staffRead,
      'offerings.read',
      'records.read',
      'courseWorks.read',
    ],
    scopeTypes: ['org_unit'],
  },
  {
    code: 'deans_office_staff',
    name: { kk: 'Деканат қызметкері', ru: 'Сотрудник деканата', en: "Dean's office staff" },
    permissions: [
      'journal.read',
      'statements.read',
      'admission.grant',
      'journal.reopen',
      ...staffRead,
      'groups.manage',
      'academicGroups.manage',
      'offerings.read',
      'offerings.manage',
      'records.orders',
      'records.read',
      'courseWorks.read',
    ],
    scopeTypes: ['org_unit'],
  },
  {
    code: 'department_head',
    name: { kk: 'Кафедра меңгерушісі', ru: 'Заведующий кафедрой', en: 'Head of department' },
    permissions: [
      'users.read',
      'groups.read',
      'programmes.manage',
      'curricula.manage',
      'offerings.read',
      'content.appointReviewers',
      'content.reports',
      'courseWorks.manage',
      'courseWorks.examine',
    ],
    scopeTypes: ['org_unit'],
  },
  {
    code: 'teacher',
    name: { kk: 'Оқытушы', ru: 'Преподаватель', en: 'Teacher' },
    permissions: [
      'journal.read',
      'journal.edit',
      'content.manage',
      'questionBank.manage',
      'tests.manage',
      'tests.grade',
      'assignments.manage',
      'assignments.grade',
      'courseWorks.examine',
    ],
    scopeTypes: ['org_unit', 'offering', 'group'],
  },
  {
    code: 'tutor',
    name: { kk: 'Тьютор', ru: 'Тьютор', en: 'Tutor' },
    permissions: ['journal.read', 'tests.grade', 'assignments.grade'],
    scopeTypes: ['org_unit', 'offering', 'group'],
  },
  {
    code: 'advisor',
    name: { kk: 'Эдвайзер', ru: 'Эдвайзер', en: 'Advisor' },
    permissions: ['journal.read', 'groups.read', 'studyPlans.approve', 'records.read'],
    scopeTypes: ['group', 'org_unit'],
  },
  {
    code: 'methodologist',
    name: { kk: 'Әдіскер', ru: 'Методист', en: 'Methodologist' },
    permissions: ['content.manage'],
    scopeTypes: ['org_unit'],
  },
  {
    code: 'reviewer',
    name: { kk: 'Рецензент', ru: 'Рецензент', en: 'Reviewer' },
    permissions: ['content.review'],
    scopeTypes: ['org_unit', 'offering'],
  },
  {
    code: 'examiner',
    name: { kk: 'Емтихан алушы', ru: 'Экзаменатор', en: 'Examiner' },
    permissions: ['courseWorks.examine'],
    scopeTypes: ['org_unit', 'offering', 'group'],
  },
  {
    code: 'coursework_supervisor',
    name: { kk: 'Курстық жұмыс жетекшісі', ru: 'Руководитель курсовой работы', en: 'Course-work supervisor' },
    permissions: ['courseWorks.examine'],
    scopeTypes: ['org_unit', 'offering'],
  },
  {
    code: 'quality_service_staff',
    name: { kk: 'Сапа қызметінің қызметкері', ru: 'Сотрудник службы качества', en: 'Quality service staff' },
    permissions: [],
    scopeTypes: ['system', 'org_unit'],
  },
  {
    code: 'learner',
    name: { kk: 'Білім алушы', ru: 'Обучающийся', en: 'Learner' },
    permissions: [],
    scopeTypes: ['system', 'group', 'programme'],
  },
];
