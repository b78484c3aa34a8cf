import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../support/test-app.js';
import { makeDesk, makeStaff, signInStaff } from '../support/factories.js';
import { fileReport } from '../support/intake.js';
import type { CaseResponse, QueueResponse } from '../../src/shared/api/cases.js';
import type { GroupsResponse } from '../../src/shared/api/groups.js';
import type { ReporterCaseResponse } from '../../src/shared/api/reporter.js';

// Issue 11, "Model-based test": random sequences of reports, party changes, messages,
// restrictions, group changes, recusals and linked accounts, by random actors over a few cases.
// After every step, what each actor can read through the API (the queue, a case by reference,
// a code holder's own view) must equal what a small model of the rules says they may see.
//
// Each run gets its own two desks, staff and account names, so runs on one app do not meet.
// A failure prints fast-check's seed and path; replay it with HAVEN_MODEL_SEED and
// HAVEN_MODEL_PATH. HAVEN_MODEL_RUNS sets the number of runs (20 by default, to stay well under
// a minute per dialect). Shrinking is off (endOnFailure): every step of a run is a few dozen
// requests, and the counterexamples are short already (at most 12 commands).

type StaffKey = 'handler1' | 'handler2' | 'escalation1' | 'admin1' | 'otherDesk';
const DESK_A_STAFF: readonly StaffKey[] = ['handler1', 'handler2', 'escalation1', 'admin1'];
const ALL_STAFF: readonly StaffKey[] = [...DESK_A_STAFF, 'otherDesk'];
const NAMES = 4;

interface ModelParty { id: string; role: string; account: string | null; contact: string | null; holder: boolean; removable: boolean }
interface ModelCase {
  reference: string;
  /** The account the report named when filed: what a search by it must find, where the searcher may look. */
  filedReported: string;
  restrictedTo: string | null;
  recused: Set<StaffKey>;
  parties: ModelParty[];
  /** Bodies sent to each party's own thread, by party id, in order. */
  threads: Map<string, string[]>;
  notes: string[];
}
interface Model {
  cases: ModelCase[];
  /** Group ids and their members. */
  groups: Map<string, Set<StaffKey>>;
  escalationGroup: string;
  otherGroup: string;
  linked: Map<StaffKey, Set<string>>;
}

interface Real {
  t: TestApp;
  run: number;
  deskA: string;
  staff: Map<StaffKey, SignedIn>;
  /** Each code holder's reporter session (cookie and CSRF token), by party id. */
  holders: Map<string, { cookie: string; csrfToken: string; reference: string }>;
  counter: { n: number };
  /** How often each kind of command ran, and how it ended, over all runs: to show the runs reach every rule. */
  tally: Map<string, number>;
}

function count(real: Real, what: string): void {
  real.tally.set(what, (real.tally.get(what) ?? 0) + 1);
}

function usernameOf(who: StaffKey, run: number): string {
  return `${who.toLowerCase()}-${run}`;
}

function nameOf(real: Real, index: number): string {
  return `member${real.run}x${index}`;
}

/** The one rule, as the model states it: a role on desk A, in the restricting group if any, not recused. */
function canSee(model: Model, who: StaffKey, kase: ModelCase): boolean {
  if (who === 'otherDesk') return false;
  if (kase.restrictedTo !== null && !(model.groups.get(kase.restrictedTo)?.has(who) ?? false)) return false;
  return !kase.recused.has(who);
}

/** The escalation fallback: a case nobody may work goes to the escalation group. */
function fallBack(model: Model, kase: ModelCase): void {
  if (!DESK_A_STAFF.some((s) => canSee(model, s, kase))) kase.restrictedTo = model.escalationGroup;
}

/** Recuses, as Haven does on intake, on adding a party and on linking, the staff whose linked account a case names. */
function recuseLinked(model: Model, kase: ModelCase): void {
  const named = new Set(kase.parties.map((p) => p.account?.toLowerCase()).filter((a) => a !== undefined));
  let changed = false;
  for (const who of DESK_A_STAFF) {
    const theirs = model.linked.get(who) ?? new Set();
    if ([...theirs].some((n) => named.has(n)) && !kase.recused.has(who)) { kase.recused.add(who); changed = true; }
  }
  if (changed) fallBack(model, kase);
}

function call(real: Real, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: SignedIn | { cookie: string; csrfToken: string }, payload?: object): Promise<LightMyRequestResponse> {
  const options: InjectOptions = { method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken } };
  if (payload !== undefined) options.payload = payload;
  return real.t.app.inject(options);
}

function staff(real: Real, who: StaffKey): SignedIn {
  const s = real.staff.get(who);
  if (s === undefined) throw new Error(`no ${who}`);
  return s;
}

function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body}`);
}

/** After every command: everything each actor can read equals what the model says. */
async function checkAll(model: Model, real: Real): Promise<void> {
  const references = new Set(model.cases.map((c) => c.reference));
  for (const who of ALL_STAFF) {
    const expected = model.cases.filter((c) => canSee(model, who, c)).map((c) => c.reference).sort();
    const queue = await call(real, 'GET', '/api/v1/cases?limit=100', staff(real, who));
    expectStatus(queue, 200, `${who} queue`);
    const listed = queue.json<QueueResponse>().cases.map((c) => c.reference).filter((r) => references.has(r)).sort();
    expect(listed, `${who}'s queue`).toEqual(expected);
    // Search finds, by the account a report named, every such case the searcher may open, and nothing they may not.
    const sought = model.cases[0]?.filedReported;
    if (sought !== undefined) {
      const search = await call(real, 'GET', `/api/v1/cases?limit=100&q=${encodeURIComponent(sought)}`, staff(real, who));
      expectStatus(search, 200, `${who} search`);
      const found = search.json<QueueResponse>().cases.map((c) => c.reference).filter((r) => references.has(r));
      for (const reference of found) expect(expected, `${who} found ${reference} by search`).toContain(reference);
      for (const kase of model.cases.filter((c) => c.filedReported === sought && canSee(model, who, c))) {
        expect(found, `${who} searching ${sought}`).toContain(kase.reference);
      }
    }
    for (const kase of model.cases) {
      const response = await call(real, 'GET', `/api/v1/cases/${kase.reference}`, staff(real, who));
      expect(response.statusCode, `${who} GET ${kase.reference}`).toBe(canSee(model, who, kase) ? 200 : 404);
      if (response.statusCode !== 200) continue;
      // Staff who may open the case read all of it: every thread, each message in its party's, and the notes.
      const view = response.json<CaseResponse>().case;
      const ours = (body: string) => body.startsWith(`Message token ${real.run}q`);
      const threads = new Map<string, string[]>();
      for (const m of view.messages.filter((x) => ours(x.body))) threads.set(m.partyId, [...(threads.get(m.partyId) ?? []), m.body]);
      expect(threads, `${who}'s threads of ${kase.reference}`).toEqual(new Map([...kase.threads].filter(([, bodies]) => bodies.length > 0)));
      expect(view.notes.map((n) => n.body).filter(ours), `${who}'s notes of ${kase.reference}`).toEqual(kase.notes);
    }
  }
  const everyBody = new Set(model.cases.flatMap((c) => [...c.notes, ...[...c.threads.values()].flat()]));
  for (const kase of model.cases) {
    for (const party of kase.parties.filter((p) => p.holder)) {
      const session = real.holders.get(party.id);
      if (session === undefined) throw new Error('a holder without a session');
      const response = await call(real, 'GET', '/api/v1/reporter/case', session);
      expectStatus(response, 200, `${party.role} of ${kase.reference} reads their case`);
      const view = response.json<ReporterCaseResponse>().case;
      count(real, `ReporterView:${party.role}`);
      expect(view.reference).toBe(kase.reference);
      const seen = view.messages.filter((m) => m.from === 'staff').map((m) => m.body);
      expect(seen, `${party.role}'s thread on ${kase.reference}`).toEqual(kase.threads.get(party.id) ?? []);
      // Nothing of the desk's other writing, and no other party's name or the case's notes.
      const text = JSON.stringify(view);
      for (const body of everyBody) if (!(kase.threads.get(party.id) ?? []).includes(body)) expect(text).not.toContain(body);
      for (const other of kase.parties.filter((o) => o.id !== party.id)) {
        if (other.account !== null) expect(text.toLowerCase()).not.toContain(other.account.toLowerCase());
        if (other.contact !== null) expect(text).not.toContain(other.contact);
      }
    }
  }
}

async function openHolder(real: Real, partyId: string, accessCode: string): Promise<void> {
  const response = await real.t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode } });
  expectStatus(response, 200, 'reporter sign-in');
  const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
  if (cookie === undefined) throw new Error('no reporter cookie');
  const body = response.json<{ csrfToken: string; reference: string }>();
  real.holders.set(partyId, { cookie: `haven_reporter=${cookie.value}`, csrfToken: body.csrfToken, reference: body.reference });
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** The case a command names: any index picks one of the cases filed so far. */
function pick(m: Readonly<Model>, index: number): ModelCase | undefined {
  return m.cases.length === 0 ? undefined : m.cases[index % m.cases.length];
}
const MAX_CASES = 3;

class FileReport implements Cmd {
  constructor(readonly thirdParty: boolean, readonly reported: number, readonly target: number, readonly notHandledBy: StaffKey | null = null) {}
  check(m: Readonly<Model>): boolean { return m.cases.length < MAX_CASES; }
  async run(m: Model, r: Real): Promise<void> {
    const reported = nameOf(r, this.reported);
    const target = nameOf(r, this.target);
    r.counter.n += 1;
    const contact = `reporter-${r.run}-${r.counter.n}@example.org`;
    const filed = await fileReport(r.t, {
      desk: r.deskA, contactEmail: contact, reporterRole: this.thirdParty ? 'third_party' : 'target', reportedAccounts: [reported],
      ...(this.thirdParty ? { targetAccount: target } : {}),
      ...(this.notHandledBy === null ? {} : { notHandledBy: [usernameOf(this.notHandledBy, r.run)] }),
    });
    // The ids of the parties intake made: bookkeeping for the model (which party is which), read
    // from the database because no actor may be able to list them at this moment.
    const kase: ModelCase = { reference: filed.reference, filedReported: reported, restrictedTo: null, recused: new Set(), parties: [], threads: new Map(), notes: [] };
    const rows = await r.t.ctx.db.selectFrom('case_parties').innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .select(['case_parties.id', 'case_parties.role']).where('cases.reference', '=', filed.reference).execute();
    for (const row of rows) {
      const account = row.role === 'reported' ? reported : row.role === 'target' ? target : null;
      kase.parties.push({ id: row.id, role: row.role, account, contact: row.role === 'reporter' ? contact : null, holder: row.role === 'reporter', removable: false });
      if (row.role === 'reporter') await openHolder(r, row.id, filed.accessCode);
    }
    m.cases.push(kase);
    count(r, 'FileReport:ok');
    // Staff the reporter named are recused at once (someone of another desk matches nobody here).
    if (this.notHandledBy !== null && this.notHandledBy !== 'otherDesk') kase.recused.add(this.notHandledBy);
    recuseLinked(m, kase);
    fallBack(m, kase);
    await checkAll(m, r);
  }
  toString(): string {
    return `file(${this.thirdParty ? 'third party' : 'target'}, reported ${this.reported}, target ${this.target}, not handled by ${String(this.notHandledBy)})`;
  }
}

class IssueTargetCode implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey) {}
  check(m: Readonly<Model>): boolean { return pick(m, this.kase)?.parties.some((p) => p.role === 'target' && !p.holder) ?? false; }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    const party = kase.parties.find((p) => p.role === 'target' && !p.holder)!;
    const response = await call(r, 'POST', `/api/v1/cases/${kase.reference}/parties/${party.id}/access`, staff(r, this.by), { delivery: 'show' });
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 201, this.toString());
    party.holder = true;
    await openHolder(r, party.id, response.json<{ accessCode: string }>().accessCode);
    await checkAll(m, r);
  }
  toString(): string { return `issueTargetCode(case ${this.kase}, by ${this.by})`; }
}

class AddParty implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey, readonly role: 'witness' | 'reported', readonly name: number) {}
  check(m: Readonly<Model>): boolean { return pick(m, this.kase) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    const account = nameOf(r, this.name);
    const response = await call(r, 'POST', `/api/v1/cases/${kase.reference}/parties`, staff(r, this.by), { role: this.role, accountName: account });
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 201, this.toString());
    kase.parties.push({ id: response.json<{ party: { id: string } }>().party.id, role: this.role, account, contact: null, holder: false, removable: true });
    recuseLinked(m, kase);
    await checkAll(m, r);
  }
  toString(): string { return `addParty(case ${this.kase}, by ${this.by}, ${this.role} ${this.name})`; }
}

class RemoveParty implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey, readonly pick: number) {}
  check(m: Readonly<Model>): boolean { return pick(m, this.kase)?.parties.some((p) => p.removable) ?? false; }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    const removable = kase.parties.filter((p) => p.removable);
    const party = removable[this.pick % removable.length]!;
    const response = await call(r, 'DELETE', `/api/v1/cases/${kase.reference}/parties/${party.id}`, staff(r, this.by));
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 204, this.toString());
    kase.parties = kase.parties.filter((p) => p.id !== party.id);
    await checkAll(m, r);
  }
  toString(): string { return `removeParty(case ${this.kase}, by ${this.by}, #${this.pick})`; }
}

class SendMessage implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey, readonly audience: 'reporter' | 'target' | 'reported' | 'note') {}
  check(m: Readonly<Model>): boolean {
    const kase = pick(m, this.kase);
    if (kase === undefined) return false;
    if (this.audience === 'note' || this.audience === 'reporter') return true;
    return kase.parties.some((p) => p.role === this.audience && (this.audience !== 'target' || p.holder));
  }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    r.counter.n += 1;
    const body = `Message token ${r.run}q${r.counter.n} about the matter.`;
    const party = this.audience === 'note' ? null : kase.parties.find((p) => p.role === this.audience && (this.audience !== 'target' || p.holder))!;
    const response = party === null
      ? await call(r, 'POST', `/api/v1/cases/${kase.reference}/notes`, staff(r, this.by), { body })
      : await call(r, 'POST', `/api/v1/cases/${kase.reference}/replies`, staff(r, this.by), { partyId: party.id, body });
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 201, this.toString());
    if (party === null) kase.notes.push(body);
    else kase.threads.set(party.id, [...(kase.threads.get(party.id) ?? []), body]);
    await checkAll(m, r);
  }
  toString(): string { return `message(case ${this.kase}, by ${this.by}, to ${this.audience})`; }
}

class Restrict implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey, readonly group: 'escalation' | 'other' | null) {}
  check(m: Readonly<Model>): boolean { return pick(m, this.kase) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    const group = this.group === null ? null : this.group === 'escalation' ? m.escalationGroup : m.otherGroup;
    const response = await call(r, 'POST', `/api/v1/cases/${kase.reference}/restriction`, staff(r, this.by), { group });
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 200, this.toString());
    if (kase.restrictedTo !== group) {
      kase.restrictedTo = group;
      fallBack(m, kase);
    }
    await checkAll(m, r);
  }
  toString(): string { return `restrict(case ${this.kase}, by ${this.by}, to ${String(this.group)})`; }
}

class Membership implements Cmd {
  constructor(readonly group: 'escalation' | 'other', readonly who: StaffKey, readonly add: boolean) {}
  check(m: Readonly<Model>): boolean {
    const members = m.groups.get(this.group === 'escalation' ? m.escalationGroup : m.otherGroup)!;
    return this.add ? !members.has(this.who) : members.has(this.who);
  }
  async run(m: Model, r: Real): Promise<void> {
    const groupId = this.group === 'escalation' ? m.escalationGroup : m.otherGroup;
    const whoId = staff(r, this.who).userId;
    const response = this.add
      ? await call(r, 'POST', `/api/v1/groups/${groupId}/members`, staff(r, 'admin1'), { staffId: whoId })
      : await call(r, 'DELETE', `/api/v1/groups/${groupId}/members/${whoId}`, staff(r, 'admin1'));
    // Someone of another desk cannot be put in this desk's group.
    if (this.who === 'otherDesk') { expectStatus(response, 404, this.toString()); count(r, 'Membership:404'); await checkAll(m, r); return; }
    count(r, 'Membership:ok');
    expectStatus(response, 200, this.toString());
    const members = m.groups.get(groupId)!;
    if (this.add) members.add(this.who); else members.delete(this.who);
    await checkAll(m, r);
  }
  toString(): string { return `${this.add ? 'addMember' : 'removeMember'}(${this.group}, ${this.who})`; }
}

class Recuse implements Cmd {
  constructor(readonly kase: number, readonly by: StaffKey) {}
  check(m: Readonly<Model>): boolean { return pick(m, this.kase) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const kase = pick(m, this.kase)!;
    const response = await call(r, 'POST', `/api/v1/cases/${kase.reference}/recusal`, staff(r, this.by), { reason: 'A conflict of interest.' });
    if (!canSee(m, this.by, kase)) { expectStatus(response, 404, this.toString()); count(r, `${this.constructor.name}:404`); await checkAll(m, r); return; }
    count(r, `${this.constructor.name}:ok`);
    expectStatus(response, 200, this.toString());
    kase.recused.add(this.by);
    fallBack(m, kase);
    await checkAll(m, r);
  }
  toString(): string { return `recuse(case ${this.kase}, by ${this.by})`; }
}

class LinkAccount implements Cmd {
  constructor(readonly who: StaffKey, readonly name: number) {}
  check(): boolean { return true; }
  async run(m: Model, r: Real): Promise<void> {
    const response = await call(r, 'POST', '/api/v1/session/accounts', staff(r, this.who), { name: nameOf(r, this.name) });
    expectStatus(response, 201, this.toString());
    count(r, 'LinkAccount:ok');
    const theirs = m.linked.get(this.who) ?? new Set<string>();
    theirs.add(nameOf(r, this.name).toLowerCase());
    m.linked.set(this.who, theirs);
    for (const kase of m.cases) recuseLinked(m, kase);
    await checkAll(m, r);
  }
  toString(): string { return `link(${this.who}, name ${this.name})`; }
}

const staffKey = fc.constantFrom<StaffKey>(...ALL_STAFF);
const caseIndex = fc.nat({ max: MAX_CASES - 1 });
const name = fc.nat({ max: NAMES - 1 });
const commands = fc.commands([
  fc.tuple(fc.boolean(), name, name, fc.option(staffKey, { freq: 3 })).map(([third, reported, target, not]) => new FileReport(third, reported, target, not)),
  fc.tuple(caseIndex, staffKey).map(([k, by]) => new IssueTargetCode(k, by)),
  fc.tuple(caseIndex, staffKey, fc.constantFrom<'witness' | 'reported'>('witness', 'reported'), name).map(([k, by, role, n]) => new AddParty(k, by, role, n)),
  fc.tuple(caseIndex, staffKey, fc.nat({ max: 3 })).map(([k, by, pick]) => new RemoveParty(k, by, pick)),
  fc.tuple(caseIndex, staffKey, fc.constantFrom<'reporter' | 'target' | 'reported' | 'note'>('reporter', 'target', 'reported', 'note'))
    .map(([k, by, audience]) => new SendMessage(k, by, audience)),
  fc.tuple(caseIndex, staffKey, fc.constantFrom<'escalation' | 'other' | null>('escalation', 'other', null)).map(([k, by, g]) => new Restrict(k, by, g)),
  fc.tuple(fc.constantFrom<'escalation' | 'other'>('escalation', 'other'), staffKey, fc.boolean()).map(([g, who, add]) => new Membership(g, who, add)),
  fc.tuple(caseIndex, staffKey).map(([k, by]) => new Recuse(k, by)),
  fc.tuple(staffKey, name).map(([who, n]) => new LinkAccount(who, n)),
], { maxCommands: 12, size: 'large' });

describe.each(testDialects())('privacy, model-based, on %s', (dialect) => {
  let t: TestApp;
  let runs = 0;
  const tally = new Map<string, number>();

  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  /** A fresh world for one run: desk A with four staff and a group besides the escalation one, desk B with one handler. */
  async function setUp(): Promise<{ model: Model; real: Real }> {
    runs += 1;
    const run = runs;
    const deskA = await makeDesk(t, { slug: `privacy-a-${run}` });
    const deskB = await makeDesk(t, { slug: `privacy-b-${run}` });
    const roles: Record<StaffKey, { role: 'handler' | 'escalation' | 'admin'; desk: string }> = {
      handler1: { role: 'handler', desk: deskA.slug }, handler2: { role: 'handler', desk: deskA.slug },
      escalation1: { role: 'escalation', desk: deskA.slug }, admin1: { role: 'admin', desk: deskA.slug },
      otherDesk: { role: 'handler', desk: deskB.slug },
    };
    const signedIn = new Map<StaffKey, SignedIn>();
    for (const who of ALL_STAFF) {
      signedIn.set(who, await signInStaff(t, await makeStaff(t, { ...roles[who], username: usernameOf(who, run) })));
    }
    const real: Real = { t, run, deskA: deskA.slug, staff: signedIn, holders: new Map(), counter: { n: 0 }, tally };
    const created = await call(real, 'POST', '/api/v1/groups', staff(real, 'admin1'), { desk: deskA.slug, name: 'Senior handlers' });
    expectStatus(created, 201, 'create group');
    const listed = (await call(real, 'GET', `/api/v1/groups?desk=${deskA.slug}`, staff(real, 'admin1'))).json<GroupsResponse>().groups;
    const escalation = listed.find((g) => g.escalation)!;
    // The desk's escalation group starts with its escalation members, and only them.
    expect(escalation.members.map((x) => x.id)).toEqual([staff(real, 'escalation1').userId]);
    const model: Model = {
      cases: [], escalationGroup: escalation.id, otherGroup: created.json<{ group: { id: string } }>().group.id,
      groups: new Map([[escalation.id, new Set<StaffKey>(['escalation1'])], [created.json<{ group: { id: string } }>().group.id, new Set<StaffKey>()]]),
      linked: new Map(),
    };
    return { model, real };
  }

  it('lets every actor read exactly what the model says, after every step', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const setup = await setUp();
        // Every run starts with one third-party report on desk A, so the commands have a case to work on.
        await new FileReport(true, 0, 1).run(setup.model, setup.real);
        await fc.asyncModelRun(() => setup, cmds);
      }),
      {
        numRuns: Number(process.env.HAVEN_MODEL_RUNS ?? 20), endOnFailure: true,
        ...(process.env.HAVEN_MODEL_SEED === undefined ? {} : { seed: Number(process.env.HAVEN_MODEL_SEED) }),
        ...(process.env.HAVEN_MODEL_PATH === undefined ? {} : { path: process.env.HAVEN_MODEL_PATH }),
      },
    );
    // The runs reached the rules, not just the filing: allowed and refused writes, restrictions or recusals, messages, code holders.
    const reached = (prefix: string) => [...tally].filter(([k]) => k.startsWith(prefix) || k.endsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    expect(reached(':404'), JSON.stringify(Object.fromEntries(tally))).toBeGreaterThan(0);
    expect(reached('Restrict:ok') + reached('Recuse:ok')).toBeGreaterThan(0);
    expect(reached('SendMessage:ok')).toBeGreaterThan(0);
    expect(reached('ReporterView:')).toBeGreaterThan(0);
  }, 300_000);
});
