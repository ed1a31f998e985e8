/** People and how they reach Loket (channel identities). */
import { type Db, reusable, reusableSql, value } from './client';
import { cases, channelIdentities, people, rt, staffUsers } from './schema';
import { and, asc, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Locale } from '../domain/messages';

/** The sender's own chat identity (placeholders k, channel, externalId). */
const isSender = () =>
  and(
    eq(channelIdentities.kelurahanId, sql.placeholder('k')),
    eq(channelIdentities.channel, sql.placeholder('channel')),
    eq(channelIdentities.externalId, sql.placeholder('externalId')),
  );

/**
 * The person behind the sender, as a scalar SQL expression (placeholders k, channel, externalId,
 * ownNumber): their chat's, or for a chat's first message the person its number joins it to
 * (personOfOwnNumber), so that message already sees their name, RT and cases.
 */
export function senderPersonId(db: Db): SQL {
  return sql`coalesce((${db.select({ personId: channelIdentities.personId }).from(channelIdentities).where(isSender())}), ${personOfOwnNumber()})`;
}

/** The sender's identity id, as a scalar subquery. */
export function senderIdentityId(db: Db) {
  return db.select({ id: channelIdentities.id }).from(channelIdentities).where(isSender());
}

const ph = sql.placeholder;
type Param = SQL | Placeholder;

/** Placeholders id, k, fullName, phone, now. */
export const insertPerson = reusable((db) =>
  db.insert(people).values({ id: ph('id'), kelurahanId: ph('k'), fullName: ph('fullName'), phone: ph('phone'), createdAt: ph('now') }),
);

/** A sender's first message (placeholders id, k, personId, channel, externalId, displayName, now). */
export const insertIdentity = reusable((db) =>
  db.insert(channelIdentities).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    personId: ph('personId'),
    channel: ph('channel'),
    externalId: ph('externalId'),
    displayName: ph('displayName'),
    lastInboundAt: ph('now'),
    createdAt: ph('now'),
  }),
);

/** Placeholders now, displayName, identityId. */
export const touchIdentity = reusable((db) =>
  db
    .update(channelIdentities)
    .set({ lastInboundAt: value('now'), displayName: sql`coalesce(${ph('displayName')}, ${channelIdentities.displayName})` })
    .where(eq(channelIdentities.id, ph('identityId'))),
);

/** Fills what was given, keeps the rest (placeholders fullName, nik, rtId, locale, personId, k). */
export const updatePerson = reusable((db) =>
  db
    .update(people)
    .set({
      fullName: sql`coalesce(${ph('fullName')}, ${people.fullName})`,
      nik: sql`coalesce(${ph('nik')}, ${people.nik})`,
      rtId: sql`coalesce(${ph('rtId')}, ${people.rtId})`,
      locale: sql`coalesce(${ph('locale')}, ${people.locale})`,
    })
    .where(and(eq(people.id, ph('personId')), eq(people.kelurahanId, ph('k')))),
);

/** What a helper typed for a case fills the applicant's gaps, once the applicant confirmed (placeholder caseId). */
export const fillPersonFromCase = reusable((db) => {
  const ofCase = <T>(column: SQLiteColumn) =>
    sql<T>`(${db.select({ v: column }).from(cases).where(eq(cases.id, ph('caseId')))})`;
  return db
    .update(people)
    .set({
      fullName: sql`CASE WHEN ${people.fullName} = '' THEN coalesce(${ofCase(cases.givenName)}, ${people.fullName}) ELSE ${people.fullName} END`,
      nik: sql`coalesce(${people.nik}, ${ofCase(cases.givenNik)})`,
      rtId: sql`coalesce(${people.rtId}, ${ofCase(cases.rtId)})`,
    })
    .where(eq(people.id, ofCase(cases.applicantPersonId)));
});

/**
 * The person a phone number reaches, as a scalar SQL expression (placeholders k and, by default,
 * channel and phone): the one whose chat on a phone-addressed channel (WhatsApp, the simulator)
 * is that number, else one who proved the number on a channel that has none (a Telegram contact
 * shared, kept in people.phone) and has a chat Loket can write to. NULL when nobody is.
 */
export function personByPhone(channel: Param = ph('channel'), phone: Param = ph('phone')): SQL {
  return sql`coalesce(
    (SELECT person_id FROM ${channelIdentities} WHERE kelurahan_id = ${ph('k')} AND channel = ${channel} AND external_id = ${phone}),
    (SELECT p.id FROM ${people} p WHERE p.kelurahan_id = ${ph('k')} AND p.phone = ${phone}
      AND EXISTS (SELECT 1 FROM ${channelIdentities} c WHERE c.person_id = p.id) ORDER BY p.created_at LIMIT 1))`;
}

/**
 * The person a new chat joins, as a scalar SQL expression (placeholders k, channel, externalId,
 * ownNumber: the chat's number when its channel proves it, else NULL). A resident who shared
 * their number on Telegram and now writes on WhatsApp for the first time is that person: the one
 * of the kelurahan holding the number, with a chat. NULL when the chat exists, when two people
 * hold the number (nobody can tell which), and for a chair or staff member, whose chats come only
 * with their invitation code: the number on their record was typed by the office, not proven.
 */
export function personOfOwnNumber(): SQL {
  const number = ph('ownNumber');
  return sql`CASE WHEN ${number} IS NULL OR EXISTS (SELECT 1 FROM ${channelIdentities} WHERE kelurahan_id = ${ph('k')}
      AND channel = ${ph('channel')} AND external_id = ${ph('externalId')}) THEN NULL
    ELSE (SELECT p.id FROM ${people} p WHERE p.kelurahan_id = ${ph('k')} AND p.phone = ${number}
      AND EXISTS (SELECT 1 FROM ${channelIdentities} c WHERE c.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM ${rt} WHERE ${rt.chairPersonId} = p.id)
      AND NOT EXISTS (SELECT 1 FROM ${staffUsers} s JOIN ${channelIdentities} c ON c.id = s.identity_id WHERE c.person_id = p.id)
      AND (SELECT count(*) FROM ${people} q WHERE q.kelurahan_id = ${ph('k')} AND q.phone = ${number}) = 1)
    END`;
}

/** The person a new chat joins by its number, as loaded for the dialogue (placeholders as personOfOwnNumber). */
export function personJoinedByNumber(db: Db) {
  return db
    .select({ id: people.id, fullName: people.fullName, nik: people.nik, phone: people.phone, rtId: people.rtId, locale: people.locale })
    .from(people)
    .where(eq(people.id, personOfOwnNumber()));
}

/** The chat where a phone number's person is reached (the one they used last), as a scalar SQL expression. */
export function chatOfPhone(channel: Param = ph('channel'), phone: Param = ph('phone')): SQL {
  return sql`(SELECT c.id FROM ${channelIdentities} c WHERE c.person_id = ${personByPhone(channel, phone)}
    ORDER BY c.last_inbound_at DESC NULLS LAST, c.created_at LIMIT 1)`;
}

/**
 * A phone number Loket was given gets an empty person with only the number, unless it already
 * reaches someone (placeholders id, k, phone, now, channel). INSERT ... SELECT ... WHERE has no
 * builder form.
 */
export const reachPersonByPhone = reusableSql(
  () => sql`INSERT INTO ${people} (id, kelurahan_id, full_name, phone, created_at)
    SELECT ${ph('id')}, ${ph('k')}, '', ${ph('phone')}, ${ph('now')} WHERE ${personByPhone()} IS NULL`,
);

/**
 * The new empty person's chat by that number, made only when reachPersonByPhone just made the
 * person: a number that reaches someone on Telegram gets no second person on WhatsApp
 * (placeholders id, k, personId, channel, phone, now).
 */
export const reachIdentityByPhone = reusableSql(
  () => sql`INSERT INTO ${channelIdentities} (id, kelurahan_id, person_id, channel, external_id, created_at)
    SELECT ${ph('id')}, ${ph('k')}, ${ph('personId')}, ${ph('channel')}, ${ph('phone')}, ${ph('now')}
    WHERE EXISTS (SELECT 1 FROM ${people} WHERE id = ${ph('personId')})
    ON CONFLICT (kelurahan_id, channel, external_id) DO NOTHING`,
);

/**
 * A chat's own number, proven by its channel (placeholders k, channel, phone, identityId): when
 * the number already reaches a person, the chat joins them, so one person on WhatsApp and
 * Telegram has one record, one set of cases and one RT. The person the chat leaves stays, empty
 * without cases (moveApplicantCases, moveSubmittedCases), what it knew given to the other
 * (fillFromChatPerson) and then cleared (clearLeftPerson).
 */
export const joinPersonByPhone = reusableSql(
  // An RT chair's chat stays with the chair: leaving would take the RT's cards out of it. A
  // staff chat stays with the staff member, whose name and desk language the chat's person holds.
  // Nor does any chat join a chair or staff member: the number on their record was typed by the
  // office, and a resident whose own number it turns out to be must not receive the RT's cases.
  () => sql`UPDATE ${channelIdentities} SET person_id = coalesce(${joinableByPhone()}, person_id)
    WHERE id = ${ph('identityId')} AND NOT EXISTS (SELECT 1 FROM ${rt} WHERE ${rt.chairPersonId} = ${channelIdentities.personId})
    AND NOT EXISTS (SELECT 1 FROM ${staffUsers} WHERE ${staffUsers.identityId} = ${channelIdentities.id})`,
);

/** personByPhone, unless that person is an RT chair or has a staff member's chat. */
const joinableByPhone = () => sql`(SELECT j.id FROM (SELECT ${personByPhone()} AS id) j
  WHERE NOT EXISTS (SELECT 1 FROM ${rt} WHERE ${rt.chairPersonId} = j.id)
  AND NOT EXISTS (SELECT 1 FROM ${staffUsers} s JOIN ${channelIdentities} c ON c.id = s.identity_id WHERE c.person_id = j.id))`;

const chatPerson = () => sql`(SELECT person_id FROM ${channelIdentities} WHERE id = ${ph('identityId')})`;

/** The cases of the person a chat left follow it (placeholders k, identityId, fromPersonId). */
export const moveApplicantCases = reusableSql(
  () => sql`UPDATE ${cases} SET applicant_person_id = ${chatPerson()}
    WHERE kelurahan_id = ${ph('k')} AND applicant_person_id = ${ph('fromPersonId')} AND ${chatPerson()} <> ${ph('fromPersonId')}`,
);
export const moveSubmittedCases = reusableSql(
  () => sql`UPDATE ${cases} SET submitter_person_id = ${chatPerson()}
    WHERE kelurahan_id = ${ph('k')} AND submitter_person_id = ${ph('fromPersonId')} AND ${chatPerson()} <> ${ph('fromPersonId')}`,
);

/**
 * The chat's person now (the one it joined, or its own) gets the number and, from the person it
 * left, what it lacks: a name, NIK and RT the resident gave on the other channel
 * (placeholders k, identityId, fromPersonId, phone).
 */
export const fillFromChatPerson = reusableSql(() => {
  const of = (column: string) => sql`(SELECT ${sql.raw(`f.${column}`)} FROM ${people} f WHERE f.id = ${ph('fromPersonId')})`;
  return sql`UPDATE ${people} SET
      phone = coalesce(phone, ${ph('phone')}),
      full_name = CASE WHEN full_name = '' THEN coalesce(${of('full_name')}, '') ELSE full_name END,
      nik = coalesce(nik, ${of('nik')}),
      rt_id = coalesce(rt_id, ${of('rt_id')})
    WHERE id = ${chatPerson()} AND kelurahan_id = ${ph('k')}`;
});

/**
 * The person a chat left keeps no NIK, name or RT once they were given to the one it joined:
 * one resident is one record, and a NIK on two people would look like two residents
 * (placeholders k, identityId, fromPersonId). Nothing happens when the chat kept its person.
 */
export const clearLeftPerson = reusableSql(
  () => sql`UPDATE ${people} SET nik = NULL, rt_id = NULL, full_name = ''
    WHERE id = ${ph('fromPersonId')} AND kelurahan_id = ${ph('k')} AND ${chatPerson()} <> ${ph('fromPersonId')}`,
);

/**
 * Links the chat to the invited person only if the invite update just before changed a row:
 * otherwise person_id becomes NULL and NOT NULL aborts the batch (placeholders personId, identityId).
 */
export const linkInvitedIdentity = reusable((db) =>
  db
    .update(channelIdentities)
    .set({ personId: sql`CASE WHEN changes() = 1 THEN ${ph('personId')} END` })
    .where(eq(channelIdentities.id, ph('identityId'))),
);

/** Placeholders phone, personId. */
export const setPhoneIfMissing = reusable((db) =>
  db.update(people).set({ phone: sql`coalesce(${people.phone}, ${ph('phone')})` }).where(eq(people.id, ph('personId'))),
);

/** The chat a person used most recently goes first: it is where a message reaches them. */
export const mostRecentFirst = [sql`${channelIdentities.lastInboundAt} DESC NULLS LAST`, asc(channelIdentities.createdAt)] as const;

/** A person's most recent chat and their language. */
export function recentChatOf(db: Db, personId: string) {
  return db
    .select({ id: channelIdentities.id, locale: people.locale })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(channelIdentities.personId, personId))
    .orderBy(...mostRecentFirst)
    .limit(1);
}

/**
 * The person behind a staff account, which a staff invitation names (invites need a person) and
 * a chat that opens with the code joins. Its name and language follow the account and the desk.
 */
export function upsertStaffPerson(db: Db, row: { id: string; kelurahanId: string; fullName: string; locale: Locale; now: number }) {
  return db
    .insert(people)
    .values({ id: row.id, kelurahanId: row.kelurahanId, fullName: row.fullName, locale: row.locale, createdAt: row.now })
    .onConflictDoUpdate({ target: people.id, set: { fullName: row.fullName, locale: row.locale } });
}
