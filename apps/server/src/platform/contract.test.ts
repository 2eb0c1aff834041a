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
  'endMySession',
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
  'listCurricula',
  'listExamTimetable',
  'listAcademicYears',
  'listMyCourses',
  'recordTeacherCertificate',
  'getProgramme',
  'updateProgramme',
  'advanceAcademicGroup',
  'listOfferingLearners',
  'uploadCertificateScan',
  'getCertificateScan',
];

// Journal issue.
const journalOperations = [
  'getGradingSettings',
  'setGradingSettings',
  'getJournal',
  'setJournalMark',
  'setJournalWeights',
  'reopenJournalActivity',
  'getJournalHistory',
  'exportJournal',
  'getAdmissionList',
  'grantAdmission',
  'getMyGrades',
  'getAtRiskLearners',
];

// Learner records issue, API contract.
const recordsOperations = [
  'admitLearners',
  'issueLearnerOrder',
  'listLearnerOrders',
  'getLearnerCard',
  'getStudyPlan',
  'chooseElectives',
  'approveStudyPlan',
  'recordCreditTransfer',
  'importPastGrades',
  'getContingentReport',
  'listLearners',
  'listStudyPlans',
];

// Course content issue, API contract.
const contentOperations = [
  'getCourseContent',
  'createMaterial',
  'updateMaterial',
  'uploadFile',
  'downloadFile',
  'submitForReview',
  'reviewMaterial',
  'listMaterialVersions',
  'restoreMaterialVersion',
  'getStaleMaterialsReport',
  'acceptMaterialTerms',
  'markItemDone',
  'createAnnouncement',
];

// Test engine issue, API contract.
const assessmentOperations = [
  'createQuestionCategory',
  'createQuestion',
  'updateQuestion',
  'listQuestions',
  'createTest',
  'updateTest',
  'publishTest',
  'setTestOverride',
  'startAttempt',
  'getAttempt',
  'saveAnswer',
  'submitAttempt',
  'getAttemptReview',
  'listGradingQueue',
  'gradeEssay',
  'regradeQuestion',
  'listMyAttempts',
  'uploadQuestionImage',
];

// Course works of the written-work issue (issue 8, R-ASM-5).
const courseWorkOperations = [
  'publishCourseWorkTopics',
  'chooseCourseWorkTopic',
  'approveCourseWorkTopic',
  'submitMilestone',
  'reviewMilestone',
  'scheduleDefence',
  'recordDefenceGrade',
  'listCourseWorks',
  'getCourseWork',
  'setCourseWorkSettings',
  'setCourseWorkMilestones',
  'uploadCourseWorkFile',
  'downloadCourseWorkFile',
  'getLearnerCourseWork',
  'commentMilestone',
  'recommendForDefence',
  'getCourseWorkProgress',
  'listDefences',
];

// Written assignments and course works issue (8), API contract: the written-assignment part.
const assignmentOperations = [
  'createAssignment',
  'updateAssignment',
  'listAssignments',
  'saveSubmissionDraft',
  'submitAssignment',
  'listSubmissions',
  'getSubmission',
  'gradeSubmission',
  'returnSubmission',
  'releaseGrades',
  'grantExtension',
];

// Statements, retakes, transcripts and promotion issue, API contract (the statement part).
const statementOperations = [
  'generateStatement',
  'listMyStatements',
  'getStatement',
  'enterStatementScores',
  'submitStatement',
  'approveStatement',
  'createSupplementaryStatement',
  'getStatementPdf',
  'getStatementXlsx',
  'verifyDocument',
  'createRetakeStatement',
  'getTranscript',
  'getTranscriptPdf',
];

// Statements, retakes, transcripts and promotion issue, API contract (reports and promotion).
const progressOperations = ['getGradeDistribution', 'previewPromotion', 'applyPromotion'];

// Question import/export and test statistics issue, API contract.
const interchangeOperations = [
  'importQuestions',
  'exportQuestions',
  'getTestStatistics',
  'exportTestStatistics',
];

describe('API contract', () => {
  it.each([
    ['foundation', foundationOperations],
    ['academic structure', academicOperations],
    ['journal', journalOperations],
    ['learner records', recordsOperations],
    ['course content', contentOperations],
    ['test engine', assessmentOperations],
    ['course work', courseWorkOperations],
    ['written assignments', assignmentOperations],
    ['statements', statementOperations],
    ['question interchange and statistics', interchangeOperations],
    ['grade reports and promotion', progressOperations],
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
