/**
 * Every query of src/db is compiled by SQLite against the freshly migrated D1, so a query that
 * names a table or column the migrations do not have fails here, not in production. Each module
 * has one table of entries (export name -> the query built with sample arguments); a module's
 * export without an entry fails too, so a new query cannot skip the check.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Placeholder } from 'drizzle-orm';
import * as admin from '../../src/db/admin';
import * as adminRegistry from '../../src/db/admin-registry';
import * as adminStaff from '../../src/db/admin-staff';
import * as audit from '../../src/db/audit';
import * as caseCodes from '../../src/db/case-codes';
import * as cases from '../../src/db/cases';
import { type Db, dbOf } from '../../src/db/client';
import * as conversations from '../../src/db/conversations';
import * as desk from '../../src/db/desk';
import * as deskWrites from '../../src/db/desk-writes';
import * as documents from '../../src/db/documents';
import * as holidays from '../../src/db/holidays';
import * as inbound from '../../src/db/inbound';
import { caseDocuments, people as schemaPeople } from '../../src/db/schema';
import * as invites from '../../src/db/invites';
import * as kelurahan from '../../src/db/kelurahan';
import * as letters from '../../src/db/letters';
import * as neighbourQuestions from '../../src/db/neighbour-questions';
import * as outbox from '../../src/db/outbox';
import * as people from '../../src/db/people';
import * as retention from '../../src/db/retention';
import * as seed from '../../src/db/seed';
import * as skm from '../../src/db/skm';
import * as staff from '../../src/db/staff';
import * as staffSessions from '../../src/db/staff-sessions';
import * as stats from '../../src/db/stats';
import * as throttles from '../../src/db/throttles';
import * as transparency from '../../src/db/transparency';

type Query = { toSQL(): { sql: string; params: unknown[] } };
/** A query, a raw statement, or a read run for real on the empty database (the inbound read batch, queries built once per isolate). */
type Built = Query | D1PreparedStatement | Promise<unknown>;
type Entries<M> = { [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: (db: Db) => Built | Built[] };
type Module<M> = { exports: M; entries: Entries<M> };
const module = <M>(exports: M, entries: Entries<M>): Module<M> => ({ exports, entries });

const now = 1_780_000_000_000;
const newCase = {
  id: 'c1', k: 'k1', period: 'KTP-2611', kind: 'service', service: 'ktp', state: 'draft', submitterPersonId: null, rtId: 'rt1',
  complaintText: null, relatedCaseId: null, dueAt: null, nextActionAt: null, now, givenName: null, givenNik: null, businessName: null, businessKind: null, businessAddress: null,
};
const event = {
  id: 'e1', k: 'k1', caseId: 'c1', now, actorKind: 'resident', actorPersonId: 'p1', kind: 'created', from: null, to: 'draft', detail: null,
};
const message = { id: 'o1', k: 'k1', caseId: 'c1', payload: '{}', codeMark: '{{code}}', now, notBefore: null };
const caseEvent = { id: 'e1', kelurahanId: 'k1', caseId: 'c1', at: now, actorKind: 'system' as const, kind: 'escalated', detail: null };
const outboxRow = { id: 'o1', kelurahanId: 'k1', caseId: 'c1', payload: '{"kind":"text","text":"Halo"}', dedupeKey: 'digest:1', now };

const modules: Record<string, Module<unknown>> = {
  cases: module(cases, {
    recordCaseEvent: (db) => [
      cases.recordCaseEvent(db, caseEvent),
      cases.recordCaseEvent(db, caseEvent, true),
    ],
    casesWaitingForChairs: (db) => cases.casesWaitingForChairs(db),
    caseForDocumentsReady: (db) => cases.caseForDocumentsReady(db, 'c1'),
    sendBackForRevision: (db) =>
      cases.sendBackForRevision(db, { caseId: 'c1', from: 'verifying', to: 'needs_revision', requirement: 'kk_copy', reason: 'rusak', nextActionAt: now, now }),
    dueCases: (db) => cases.dueCases(db, { now, limit: 200 }),
    dueCasesNow: (db) => cases.dueCasesNow(db, { now, limit: 200 }),
    rescheduleDueCase: (db) => cases.rescheduleDueCase(db, { caseId: 'c1', readAt: now, nextActionAt: null, remindersSent: 1 }),
    moveDueCase: (db) =>
      cases.moveDueCase(db, { caseId: 'c1', from: 'verifying', to: 'cancelled', readAt: now, nextActionAt: null, remindersSent: 0, now }),
    officeDueCounts: (db) => cases.officeDueCounts(db, { dayStart: now, dayEnd: now, now }),
    casesOfSender: (db) => cases.casesOfSender(db),
    rtCasesOfSender: (db) => cases.rtCasesOfSender(db),
    requestsForOthersOfSender: (db) => cases.requestsForOthersOfSender(db),
    openCasesWithNik: (db) => cases.openCasesWithNik(db),
    casesForNikFlag: (db) => cases.casesForNikFlag(db, ['c1', 'c2']),
    insertCase: (db) => cases.insertCase(db, { ...newCase, applicantPersonId: 'p1' }),
    insertCaseForPhone: (db) => cases.insertCaseForPhone(db, { ...newCase, applicantChannel: 'whatsapp', applicantPhone: '62812' }),
    transitionCase: (db) => [
      cases.transitionCase(db, {
        caseId: 'c1', kelurahanId: 'k1', from: 'verifying', to: 'needs_revision', now,
        set: { pengantarApproved: true, revisionRequirement: 'ktp_copy', revisionReason: 'blur', remindersSent: 0, delivery: 'pickup' },
      }),
      cases.transitionCase(db, { caseId: 'c1', kelurahanId: 'k1', from: 'answered', to: 'open', now, set: { dueAt: now, nextActionAt: now, answeredAt: now }, version: 2 }),
    ],
    setApplicantConfirmed: (db) => cases.setApplicantConfirmed(db, { at: now, caseId: 'c1', k: 'k1' }),
    setApplicantDenied: (db) => cases.setApplicantDenied(db, { at: now, caseId: 'c1', k: 'k1' }),
    touchCase: (db) => cases.touchCase(db, { now, caseId: 'c1' }),
    bumpCaseVersion: (db) => cases.bumpCaseVersion(db, { now, caseId: 'c1', version: 3 }),
    insertCaseEvent: (db) => cases.insertCaseEvent(db, event),
    insertGuardedCaseEvent: (db) => cases.insertGuardedCaseEvent(db, event),
  }),
  'case-codes': module(caseCodes, {
    nextSequence: (db) => caseCodes.nextSequence(db, 'k1', 'KTP-2611'),
    drawSequence: (db) => caseCodes.drawSequence(db, { k: 'k1', period: 'KTP-2611' }),
  }),
  conversations: module(conversations, {
    seenMessage: (db) => conversations.seenMessage(db),
    deleteOldProcessedMessages: (db) => conversations.deleteOldProcessedMessages(db, now),
    senderWithConversation: (db) => conversations.senderWithConversation(db),
    recordMessage: (db) =>
      conversations.recordMessage(db, { channel: 'whatsapp', messageId: 'wamid.1', k: 'k1', identityId: 'i1', expectedVersion: 2, now }),
    saveConversation: (db) =>
      conversations.saveConversation(db, { identityId: 'i1', k: 'k1', flow: 'apply', step: 'apply.name', data: '{}', now, expiresAt: now }),
    awaitAnswer: (db) =>
      conversations.awaitAnswer(db, { k: 'k1', step: 'confirm.ask', data: '{}', now, expiresAt: now, channel: 'whatsapp', phone: '62812' }),
    saveConversationAt: (db) =>
      [2, null].map((version) =>
        conversations.saveConversationAt(db, { identityId: 'i1', kelurahanId: 'k1', flow: 'apply', step: 'docs', data: '{}', updatedAt: now, expiresAt: now }, version),
      ),
  }),
  desk: module(desk, {
    workList: (db) => [
      desk.workList(db, 'k1', {}),
      desk.workList(db, 'k1', { service: 'ktp', states: ['submitted'], rw: 2, rt: 3, dueBefore: now, lateAt: now, search: '0812 3450', includeFinished: true }),
      desk.workList(db, 'k1', { service: 'complaint', search: 'KTP-26%' }),
    ],
    failedDeliveries: (db) => desk.failedDeliveries(db, 'k1', now),
    deskCase: (db) => desk.deskCase(db, 'k1', 'KTP-2611-0001'),
    caseTimeline: (db) => desk.caseTimeline(db, 'c1'),
    caseScans: (db) => desk.caseScans(db, 'c1'),
    scanOfKelurahan: (db) => desk.scanOfKelurahan(db, 'k1', 'd1'),
    caseLetters: (db) => desk.caseLetters(db, 'c1'),
    caseNotices: (db) => desk.caseNotices(db, 'c1'),
    deskKelurahan: (db) => desk.deskKelurahan(db, 'k1'),
    deskHolidays: (db) => desk.deskHolidays(db, 'k1', '2026-12-01', '2027-01-31'),
  }),
  deskWrites: module(deskWrites, {
    deskActionStatements: (db) =>
      deskWrites.deskActionStatements(db, {
        kelurahanId: 'k1', caseId: 'c1', staffId: 's1', version: 3, event: 'produce', from: 'processing', to: 'ready',
        set: { pickupCode: '123456', pickupCodeAttempts: 0, nextActionAt: null }, detail: { output: 'card' }, eventId: 'e1', now,
        messages: [{ id: 'o1', personId: 'p1', payload: '{}' }], revokeLetterIds: [{ id: 'l1', reason: 'salah' }], revokeAll: 'ditolak',
      }) as unknown as Query[],
    deskRecordStatements: (db) =>
      deskWrites.deskRecordStatements(db, {
        kelurahanId: 'k1', caseId: 'c1', staffId: 's1', version: 3, event: 'pickup_code_wrong', from: 'ready', set: { pickupCodeAttempts: 1 }, eventId: 'e1', now,
      }) as unknown as Query[],
    insertOfficeDocument: (db) =>
      deskWrites.insertOfficeDocument(db, {
        id: 'd1', kelurahanId: 'k1', caseId: 'c1', requirement: 'output', r2Key: 'scans/k1/c1/d1', contentType: 'application/pdf', filename: 'ktp.pdf',
        sizeBytes: 1000, sha256: 'ab', now,
      }),
  }),
  documents: module(documents, {
    openDocumentsOfSender: (db) => documents.openDocumentsOfSender(db),
    rtDocumentsOfSender: (db) => documents.rtDocumentsOfSender(db),
    supersedeDocuments: (db) => documents.supersedeDocuments(db, { now, caseId: 'c1', requirement: 'ktp' }),
    insertDocument: (db) =>
      documents.insertDocument(db, {
        id: 'd1', k: 'k1', caseId: 'c1', requirement: 'ktp', channel: 'whatsapp', ref: 'media1', r2Key: 'scans/x',
        contentType: 'image/jpeg', filename: null, sizeBytes: 10, sha256: null, now,
      }),
    fetchDue: (db) => db.select({ id: caseDocuments.id }).from(caseDocuments).where(documents.fetchDue(now)),
    documentsToFetch: (db) => documents.documentsToFetch(db, { writtenBefore: now, now }),
    documentsToFetchNow: (db) => documents.documentsToFetchNow(db, { writtenBefore: now, now }),
    currentDocuments: (db) => documents.currentDocuments(db, 'c1'),
    documentToFetch: (db) => documents.documentToFetch(db, 'd1'),
    markStored: (db) => documents.markStored(db, { id: 'd1', contentType: 'image/jpeg', sizeBytes: 1000, sha256: 'ab' }),
    refuseDocument: (db) => documents.refuseDocument(db, 'd1', 'rejected', 'bad_type'),
    pendingScanOf: (db) => documents.pendingScanOf(db, 'c1'),
    storedDocuments: (db) => documents.storedDocuments(db, 'c1'),
    claimFetch: (db) => documents.claimFetch(db, { id: 'd1', now }),
  }),
  holidays: module(holidays, {
    holidaysBetween: (db) => holidays.holidaysBetween(db),
    readCalendar: (db) => holidays.readCalendar(db, { k: 'k1', from: '2026-01-01', to: '2026-12-31' }),
  }),
  inbound: module(inbound, {
    readInbound: (db) =>
      inbound.readInbound(db, {
        kelurahanId: 'k1', channel: 'whatsapp', externalId: '62812', messageId: 'wamid.1', pressedCaseId: 'c1',
        pressedQuestionId: 'q1', inviteCode: 'ABCD-EF23', holidaysFrom: '2026-08-01', holidaysTo: '2026-12-01',
        requestsSince: now, deniedSince: now, throttleKey: 'invite:k1:whatsapp:62812', phones: '["628123450002"]', nik: '1671024508790003',
        ownNumber: '62812',
      }),
    writeInbound: (db) => inbound.writeInbound(db, [outbox.releaseDeferred(db, { now, identityId: 'i1' })], 0),
  }),
  'neighbour-questions': module(neighbourQuestions, {
    questionsOfSender: (db) => neighbourQuestions.questionsOfSender(db),
    questionsOfChairCases: (db) => neighbourQuestions.questionsOfChairCases(db),
    questionsOfCase: (db) => neighbourQuestions.questionsOfCase(db, 'c1'),
    phonesThatWrote: (db) => neighbourQuestions.phonesThatWrote(db),
    insertQuestion: (db) => neighbourQuestions.insertQuestion(db, { id: 'q1', k: 'k1', caseId: 'c1', channel: 'whatsapp', phone: '62812', now }),
    answerQuestion: (db) => neighbourQuestions.answerQuestion(db, { answer: 'yes', now, questionId: 'q1' }),
  }),
  people: module(people, {
    senderPersonId: (db) => db.select({ personId: people.senderPersonId(db) }).from(schemaPeople),
    personOfOwnNumber: (db) => db.select({ personId: people.personOfOwnNumber() }).from(schemaPeople),
    personJoinedByNumber: (db) => people.personJoinedByNumber(db),
    senderIdentityId: (db) => people.senderIdentityId(db),
    insertPerson: (db) => people.insertPerson(db, { id: 'p1', k: 'k1', fullName: 'Siti', phone: null, now }),
    insertIdentity: (db) =>
      people.insertIdentity(db, { id: 'i1', k: 'k1', personId: 'p1', channel: 'whatsapp', externalId: '62812', displayName: null, now }),
    touchIdentity: (db) => people.touchIdentity(db, { now, displayName: 'Siti', identityId: 'i1' }),
    updatePerson: (db) => people.updatePerson(db, { fullName: null, nik: null, rtId: 'rt1', locale: 'en', personId: 'p1', k: 'k1' }),
    fillPersonFromCase: (db) => people.fillPersonFromCase(db, { caseId: 'c1' }),
    reachPersonByPhone: (db) => people.reachPersonByPhone(db, { id: 'p1', k: 'k1', phone: '62812', now, channel: 'whatsapp' }),
    reachIdentityByPhone: (db) =>
      people.reachIdentityByPhone(db, { id: 'i1', k: 'k1', personId: 'p1', channel: 'whatsapp', phone: '62812', now }),
    personByPhone: (db) => db.select({ personId: people.personByPhone() }).from(schemaPeople),
    chatOfPhone: (db) => db.select({ identityId: people.chatOfPhone() }).from(schemaPeople),
    joinPersonByPhone: (db) => people.joinPersonByPhone(db, { k: 'k1', channel: 'whatsapp', phone: '62812', identityId: 'i1' }),
    moveApplicantCases: (db) => people.moveApplicantCases(db, { k: 'k1', identityId: 'i1', fromPersonId: 'p1' }),
    moveSubmittedCases: (db) => people.moveSubmittedCases(db, { k: 'k1', identityId: 'i1', fromPersonId: 'p1' }),
    fillFromChatPerson: (db) => people.fillFromChatPerson(db, { k: 'k1', identityId: 'i1', fromPersonId: 'p1', phone: '62812' }),
    clearLeftPerson: (db) => people.clearLeftPerson(db, { k: 'k1', identityId: 'i1', fromPersonId: 'p1' }),
    linkInvitedIdentity: (db) => people.linkInvitedIdentity(db, { personId: 'p1', identityId: 'i1' }),
    setPhoneIfMissing: (db) => people.setPhoneIfMissing(db, { phone: '62812', personId: 'p1' }),
    recentChatOf: (db) => people.recentChatOf(db, 'p1'),
    upsertStaffPerson: (db) => people.upsertStaffPerson(db, { id: 'staff:k1:s1', kelurahanId: 'k1', fullName: 'Staf', locale: 'en', now }),
  }),
  skm: module(skm, {
    skmOfSender: (db) => skm.skmOfSender(db),
    skmRowsOf: (db) => skm.skmRowsOf(db, 'k1', { from: 0, to: now }),
    skmSuggestionsOf: (db) => skm.skmSuggestionsOf(db, 'k1', { from: 0, to: now }),
    startSkm: (db) => skm.startSkm(db, { id: 's1', k: 'k1', caseId: 'c1', personId: 'p1', service: 'ktp', now }),
    answerSkm: (db) => [skm.answerSkm(db, 'u1', { value: 4, now, caseId: 'c1', k: 'k1' }), skm.answerSkm(db, 'u9', { value: 1, now, caseId: 'c1', k: 'k1' })],
    finishSkm: (db) => skm.finishSkm(db, { suggestion: 'Perlu kursi antrean.', now, caseId: 'c1', k: 'k1' }),
  }),
  throttles: module(throttles, {
    throttleByKey: (db) => throttles.throttleByKey(db),
    hitThrottle: (db) => throttles.hitThrottle(db, { key: 'invite:k1', now, windowMs: 60_000 }),
    chargeAttempt: (db) => throttles.chargeAttempt(db, { key: 'signin:user:staf', now, windowMs: 60_000 }),
    releaseAttempt: (db) => throttles.releaseAttempt(db, { key: 'signin:user:staf', windowStart: now }),
    deleteStaleThrottles: (db) => throttles.deleteStaleThrottles(db, now),
  }),
  invites: module(invites, {
    inviteByCode: (db) => invites.inviteByCode(db),
    openStaffInvite: (db) => invites.openStaffInvite(db, { staffId: 's1', kelurahanId: 'k1', now }),
    expireStaffInvites: (db) => invites.expireStaffInvites(db, { staffId: 's1', kelurahanId: 'k1', now }),
    spendInvite: (db) => invites.spendInvite(db, { now, identityId: 'i1', code: 'ABCD-EF23', k: 'k1' }),
    insertInvite: (db) =>
      invites.insertInvite(db, { code: 'ABCD-EF23', kelurahanId: 'k1', personId: 'p1', role: 'rt_chair', createdAt: now, expiresAt: now }),
    openInvites: (db) => invites.openInvites(db, { kelurahanId: 'k1', now }),
    revokeInvite: (db) => invites.revokeInvite(db, { code: 'ABCD-EF23', kelurahanId: 'k1', now }),
    revokeChairInvitesOfRt: (db) => invites.revokeChairInvitesOfRt(db, { rtId: 'rt1', kelurahanId: 'k1', now }),
  }),
  audit: module(audit, {
    insertAudit: (db) =>
      audit.insertAudit(db, { id: 'a1', kelurahanId: 'k1', staffUserId: 's1', at: now, action: 'holiday.add', target: '2027-01-01', detail: { name: 'Tahun Baru' } }),
    latestAudit: (db) => audit.latestAudit(db, 'k1'),
  }),
  admin: module(admin, {
    kelurahanSettings: (db) => admin.kelurahanSettings(db, 'k1'),
    updateKelurahanSettings: (db) =>
      admin.updateKelurahanSettings(db, 'k1', {
        name: 'Bukit Sangkal', address: 'Jl. Contoh 1', phone: null, lurahName: 'Lurah', opensAtMinute: 480, closesAtMinute: 960,
        whatsappPhoneNumberId: '1234567', telegramBotId: null, transparencyMinCases: 5, retentionDays: 90,
      }),
    channelIdsTakenElsewhere: (db) => [
      admin.channelIdsTakenElsewhere(db, { kelurahanId: 'k1', whatsappPhoneNumberId: '1234567', telegramBotId: '7654321' }),
      admin.channelIdsTakenElsewhere(db, { kelurahanId: 'k1', whatsappPhoneNumberId: null, telegramBotId: null }),
    ],
    holidaysOfYear: (db) => admin.holidaysOfYear(db, 'k1', 2027),
    addHoliday: (db) => admin.addHoliday(db, { kelurahanId: 'k1', date: '2027-01-01', name: 'Tahun Baru', kind: 'national' }),
    removeHoliday: (db) => admin.removeHoliday(db, { kelurahanId: 'k1', date: '2027-01-01' }),
  }),
  adminRegistry: module(adminRegistry, {
    rwsOf: (db) => adminRegistry.rwsOf(db, 'k1'),
    rtsOf: (db) => adminRegistry.rtsOf(db, 'k1'),
    chairChats: (db) => adminRegistry.chairChats(db, 'k1'),
    addRw: (db) => adminRegistry.addRw(db, { id: 'rw1', kelurahanId: 'k1', number: 4 }),
    addRt: (db) => adminRegistry.addRt(db, { id: 'rt1', kelurahanId: 'k1', rwId: 'rw1', number: 1 }),
    addChairPerson: (db) => adminRegistry.addChairPerson(db, { id: 'p1', kelurahanId: 'k1', fullName: 'Bapak Hasan', phone: '628123', rtId: 'rt1', now }),
    setRtChairPerson: (db) => adminRegistry.setRtChairPerson(db, { rtId: 'rt1', kelurahanId: 'k1', personId: 'p1' }),
    setRwChairPerson: (db) => adminRegistry.setRwChairPerson(db, { rwId: 'rw1', kelurahanId: 'k1', personId: 'p1' }),
  }),
  adminStaff: module(adminStaff, {
    staffOf: (db) => adminStaff.staffOf(db, 'k1'),
    usernameTaken: (db) => adminStaff.usernameTaken(db, 'staf'),
    addStaffAccount: (db) =>
      adminStaff.addStaffAccount(db, { id: 's2', kelurahanId: 'k1', username: 'budi', displayName: 'Budi', role: 'staff', passwordHash: 'x', now }),
    setStaffRole: (db) => adminStaff.setStaffRole(db, { staffId: 's2', kelurahanId: 'k1', role: 'lurah' }),
    setStaffPassword: (db) => adminStaff.setStaffPassword(db, { staffId: 's2', kelurahanId: 'k1', passwordHash: 'x' }),
    endStaffSessions: (db) => adminStaff.endStaffSessions(db, { staffId: 's2', kelurahanId: 'k1', exceptIdHash: 'h' }),
  }),
  kelurahan: module(kelurahan, {
    countKelurahan: (db) => kelurahan.countKelurahan(db),
    kelurahanById: (db) => kelurahan.kelurahanById(db, 'k1'),
    firstKelurahan: (db) => kelurahan.firstKelurahan(db),
    kelurahanByWhatsappNumber: (db) => kelurahan.kelurahanByWhatsappNumber(db, '1234'),
    kelurahanByTelegramBot: (db) => kelurahan.kelurahanByTelegramBot(db, '123456'),
    whatsappNumberOfKelurahan: (db) => kelurahan.whatsappNumberOfKelurahan(db, 'k1'),
    chairedRtByNumbers: (db) => kelurahan.chairedRtByNumbers(db, 2, 3),
    simulatorChairs: (db) => kelurahan.simulatorChairs(db),
    kelurahanHours: (db) => kelurahan.kelurahanHours(db),
    registryOf: (db) => kelurahan.registryOf(db),
  }),
  letters: module(letters, {
    letterForVerification: (db) => letters.letterForVerification(db, 'ABCD2345'),
    insertLetter: (db) =>
      letters.insertLetter(db, {
        id: 'l1', k: 'k1', caseId: 'c1', kind: 'pengantar_rt', prefix: 'PGT-RT03RW02-2026', verificationCode: 'ABCD2345', now,
        issuerName: 'Pak RT', issuerRole: 'Ketua RT 03', r2Key: 'letters/x.pdf',
      }),
    revokeCaseLetters: (db) => letters.revokeCaseLetters(db, { caseId: 'c1', kelurahanId: 'k1', reason: 'ditolak', now }),
    openLetters: (db) => letters.openLetters(db, now),
    openLettersNow: (db) => letters.openLettersNow(db, now),
    letterToMake: (db) => letters.letterToMake(db, 'l1'),
    markLetterMade: (db) => letters.markLetterMade(db, 'l1', now),
    markLetterFailed: (db) => letters.markLetterFailed(db, 'l1', now),
    letterEnding: (db) => letters.letterEnding(db, 'l1'),
    revokeCaseLettersStatement: () => letters.revokeCaseLettersStatement(env.DB, { caseId: 'c1', kelurahanId: 'k1', reason: 'ditolak', now }),
  }),
  retention: module(retention, {
    casesDueForPurge: (db) => retention.casesDueForPurge(db, { now, limit: 50 }),
    filesOfCases: (db) => [...retention.filesOfCases(db, ['c1', 'c2'])],
    markPurged: (db) => retention.markPurged(db, { caseId: 'c1', kelurahanId: 'k1', state: 'completed', now, eventId: 'e1', documents: 3, letters: 1 }),
  }),
  outbox: module(outbox, {
    recordStatus: (db) => outbox.recordStatus(db, { providerMessageId: 'wamid.1', status: 'read', rank: 3, error: null }, now),
    outboxIdByProviderMessage: (db) => outbox.outboxIdByProviderMessage(db, 'wamid.1'),
    retrySentMessage: (db) => outbox.retrySentMessage(db, 'o1', now, '131000 error', now),
    closeServiceWindowOf: (db) => outbox.closeServiceWindowOf(db, 'o1', now),
    simulatorInbox: (db) => outbox.simulatorInbox(db, '628123450001', 0),
    simulatorOutboxPayload: (db) => outbox.simulatorOutboxPayload(db, 'o1'),
    releaseDeferred: (db) => outbox.releaseDeferred(db, { now, identityId: 'i1' }),
    queueToIdentity: (db) => outbox.queueToIdentity(db, { ...message, identityId: 'i1' }),
    queueToPerson: (db) => outbox.queueToPerson(db, { ...message, personId: 'p1' }),
    queueToChat: (db) => outbox.queueToChat(db, { ...message, channel: 'whatsapp', externalId: '62812' }),
    queueToPhone: (db) => outbox.queueToPhone(db, { ...message, channel: 'whatsapp', phone: '62812' }),
    outboxToPerson: (db) => outbox.outboxToPerson(db, 'p1', outboxRow),
    outboxToIdentity: (db) => outbox.outboxToIdentity(db, 'i1', outboxRow),
    claimOutboxes: (db) => outbox.claimOutboxes(db, { ids: ['o1', 'o2'], now, staleBefore: now }),
    recordPartsSent: (db) => outbox.recordPartsSent(db, { id: 'o1', partsSent: 1, providerMessageId: 'wamid.1', now }),
    markSent: (db) => outbox.markSent(db, { id: 'o1', status: 'sent', providerMessageId: null, partsSent: null, now }),
    releaseClaims: (db) => outbox.releaseClaims(db, { ids: ['o1', 'o2'], now }),
    rescheduleClaimed: (db) => outbox.rescheduleClaimed(db, { id: 'o1', attempts: 2, error: 'timeout', notBefore: now, now }),
    outboxProgress: (db) => outbox.outboxProgress(db, 'o1'),
    releaseDeadLettered: (db) => outbox.releaseDeadLettered(db, { id: 'o1', now, staleBefore: now }),
    failingOutbox: (db) => outbox.failingOutbox(db, 'o1'),
    outboxToRequeue: (db) => outbox.outboxToRequeue(db, { now, untouchedSince: now }),
    outboxToRequeueNow: (db) => outbox.outboxToRequeueNow(db, { now, untouchedSince: now }),
    outboxByDedupeKey: (db) => outbox.outboxByDedupeKey(db, 'k1', 'docs_ready:c1:d1'),
    failOutbox: (db) => outbox.failOutbox(db, 'o1', 'undeliverable 131026', now),
  }),
  staff: module(staff, {
    linkedStaffChats: (db) => staff.linkedStaffChats(db, 'k1'),
    linkedStaffChatsEverywhere: (db) => staff.linkedStaffChatsEverywhere(db),
    staffChatsExcept: (db) => staff.staffChatsExcept(db, 'k1', 'p1'),
    staffChatOf: (db) => staff.staffChatOf(db, { staffId: 's1', kelurahanId: 'k1' }),
    linkStaffChat: (db) => staff.linkStaffChat(db, { identityId: 'i1', code: 'ABCD-EF23', k: 'k1' }),
    unlinkStaffChat: (db) => staff.unlinkStaffChat(db, { staffId: 's1', kelurahanId: 'k1' }),
  }),
  'staff-sessions': module(staffSessions, {
    staffForSignIn: (db) => staffSessions.staffForSignIn(db, 'staf'),
    insertSession: (db) =>
      staffSessions.insertSession(db, {
        idHash: 'ab', staffId: 's1', kelurahanId: 'k1', csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: now,
      }),
    sessionByHash: (db) => staffSessions.sessionByHash(db, 'ab', now),
    touchSession: (db) => staffSessions.touchSession(db, { idHash: 'ab', now, expiresAt: now }),
    deleteSession: (db) => staffSessions.deleteSession(db, 'ab'),
    deleteExpiredSessions: (db) => staffSessions.deleteExpiredSessions(db, now),
  }),
  seed: module(seed, {
    upsertKelurahan: (db) =>
      seed.upsertKelurahan(db, { id: 'k1', name: 'A', kecamatan: 'B', city: 'C', lurahName: 'D', address: 'E', createdAt: now }),
    insertRw: (db) => seed.insertRw(db, { id: 'rw1', kelurahanId: 'k1', number: 1 }),
    insertRt: (db) => seed.insertRt(db, { id: 'rt1', kelurahanId: 'k1', rwId: 'rw1', number: 1 }),
    setRtChair: (db) => seed.setRtChair(db, 'rt1', 'p1'),
    upsertPerson: (db) => seed.upsertPerson(db, { id: 'p1', kelurahanId: 'k1', fullName: 'Siti', phone: '62812', rtId: 'rt1', createdAt: now }),
    insertIdentity: (db) =>
      seed.insertIdentity(db, { id: 'i1', kelurahanId: 'k1', personId: 'p1', channel: 'simulator', externalId: '62812', createdAt: now }),
    upsertStaffUser: (db) =>
      seed.upsertStaffUser(db, {
        id: 's1', kelurahanId: 'k1', username: 'staf', displayName: 'Staf', role: 'staff', passwordHash: 'x', createdAt: now,
      }),
    linkStaffChatIfNone: (db) => seed.linkStaffChatIfNone(db, { staffId: 's1', identityId: 'i1' }),
    insertHoliday: (db) => seed.insertHoliday(db, { kelurahanId: 'k1', date: '2026-08-17', name: 'HUT RI', kind: 'national' }),
  }),
  stats: module(stats, {
    statsCases: (db) => stats.statsCases(db, 'k1', { from: now, to: now + 1 }),
    statsComplaints: (db) => stats.statsComplaints(db, 'k1', { from: now, to: now + 1 }),
    exportCases: (db) => stats.exportCases(db, 'k1', { from: now, to: now + 1 }),
  }),
  transparency: module(transparency, {
    publicKelurahanList: (db) => transparency.publicKelurahanList(db, 2),
    transparencyKelurahan: (db) => transparency.transparencyKelurahan(db, 'k1'),
  }),
};

/** EXPLAIN makes SQLite compile the statement (tables, columns, types of RETURNING) without running it. */
async function compile(q: Built): Promise<void> {
  if (q instanceof Promise) {
    await q;
  } else if ('toSQL' in q) {
    const { sql: text, params } = q.toSQL();
    // Values a query takes per use (sql.placeholder) are not needed to compile it.
    await env.DB.prepare(`EXPLAIN ${text}`).bind(...params.map((p) => (p instanceof Placeholder ? null : p))).all();
  } else {
    // A raw D1 statement keeps its text to itself: it runs for real on the empty database.
    await env.DB.batch([env.DB.prepare("INSERT OR IGNORE INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0)"), q]);
  }
}

for (const [name, { exports, entries }] of Object.entries(modules)) {
  describe(`src/db/${name}.ts`, () => {
    it('has an entry for every exported query', () => {
      const functions = Object.entries(exports as Record<string, unknown>).filter(([, v]) => typeof v === 'function').map(([k]) => k);
      expect(Object.keys(entries).sort()).toEqual(functions.sort());
    });
    for (const [query, build] of Object.entries(entries as Record<string, (db: Db) => Built | Built[]>)) {
      it(`${query} fits the schema`, async () => {
        const built = build(dbOf(env.DB));
        for (const q of Array.isArray(built) ? built : [built]) await compile(q);
      });
    }
  });
}

