import { describe, expect, it } from 'vitest';
import { testEnv } from '../../test/harness.ts';

// The operationIds that integrations and later checks rely on (foundation issue, API contract).
const foundationOperations = [
  'login',
  'logout',
  'getMe',
  'createUser',
  'listUsers',
  'getUser',
  'updateUser',
  'deleteUser',
  'importUsers',
  'listRoles',
  'assignRole',
  'revokeRole',
  'createOrgUnit',
  'listOrgUnits',
  'createGroup',
  'listGroups',
  'addGroupMembers',
  'removeGroupMember',
  'changePassword',
  'requestPasswordReset',
  'resetPassword',
  'setupTotp',
  'confirmTotp',
  'createApiToken',
  'listApiTokens',
  'revokeApiToken',
  'endUserSessions',
  'listNotifications',
  'markNotificationRead',
];

// Academic structure issue, API contract.
const academicOperations = [
  'createProgramme',
  'listProgrammes',
  'createCurriculum',
  'addCurriculumDiscipline',
  'approveCurriculum',
  'createAcademicYear',
  'approveAcademicYear',
  'getCalendar',
  'getCalendarIcs',
  'setExamTimetable',
  'createAcademicGroup',
  'listAcademicGroups',
  'createCourseOffering',
  'generateCourseOfferings',
  'getCourseOffering',
  'listCourseOfferings',
  'enrolGroup',
  'listMyCourses',
  'recordTeacherCertificate',
];

// Journal issue.
const journalOperations = [
  'getGradingSettings',
  'setGradingSettings',
  'getJournal',
  'setJournalMark',
  'reopenJournalActivity',
  'getJournalHistory',
  'exportJournal',
  'getAdmissionList',
  'grantAdmission',
  'getMyGrades',
  'getAtRiskLearners',
];

describe('API contract', () => {
  it.each([
    ['foundation', foundationOperations],
    ['academic structure', academicOperations],
    ['journal', journalOperations],
  ])('offers every %s operation the contract names', async (_area, expected) => {
    const { app } = await testEnv();
    const doc = (await app.inject('/api/openapi.json')).json();
    const ids = new Set<string>();
    for (const item of Object.values<Record<string, { operationId?: string }>>(doc.paths)) {
      for (const op of Object.values(item)) if (op.operationId) ids.add(op.operationId);
    }
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });
});
