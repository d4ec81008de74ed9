import type { BehaviourContext } from './behaviour-rule';
import type { ClassifierInput, Directory } from './classifier-input';
import type { RelationshipChange } from '@chatvault/contracts';
import type { EngineHit, HitSource } from './engine-hit';
import type { EventFinding } from './event-rule';
import { HitBuilder } from './hit-builder';
import { employeeDepartments, messageFacts, type MessageFacts } from './message-facts';
import { detectPii, type PiiFinding } from './pii-detectors';
import { maskText } from './pii-masking';
import type { ClassifierParts, TextRuleRuntime } from './policy-compiler';
import type { PiiRuleRuntime } from './pii-rule';
import type { ScopeFacts } from './policy-runtime';
import type { PiiDetector, QrKind } from './policy-schema';
import { decodeQrPayloads } from './qr-decoder';
import { qrKindOf } from './qr-payload-kind';
import { RateEscalator, type RateRuleSpec, type WindowCounter } from './rate-escalator';
import { amountInFen, fileNameOf } from './record-facts';
import { foldForRegex } from './regex-text';
import type { RegexRuleRuntime } from './regex-rule';
import type { TermMatcher } from './term-table';

export interface PolicyVersion {
  id: string;
  version: number;
}

/**
 * The compiled policies: pure and synchronous, one automaton pass per text whatever the number of
 * rules. Built by compilePolicies; replace it wholesale when policies change.
 */
export class PolicyClassifier {
  readonly policies: readonly PolicyVersion[];
  readonly rateRules: readonly RateRuleSpec[];
  /** Whether some policy is scoped to departments: otherwise no input needs a directory. */
  readonly needsDepartments: boolean;
  /** Scratch buffers reused between calls: classify is synchronous, so calls never interleave. */
  private readonly terms: TermMatcher;
  private readonly parts: ClassifierParts;
  private readonly untriggeredRegexRules: readonly RegexRuleRuntime[];
  private readonly piiRules: readonly PiiRuleRuntime[];
  private readonly piiDetectors: ReadonlySet<PiiDetector>;
  private readonly maskDetectors: ReadonlySet<PiiDetector>;

  constructor(parts: ClassifierParts) {
    this.parts = parts;
    this.terms = parts.terms.build();
    this.policies = Object.freeze(parts.policies.map(({ id, version }) => Object.freeze({ id, version })));
    this.rateRules = Object.freeze(parts.rateRules.map((rule) => Object.freeze({ ...rule })));
    this.needsDepartments = parts.policies.some((policy) => policy.scopedToDepartments);
    const textRules = parts.textRules.filter((rule): rule is TextRuleRuntime => rule !== undefined);
    this.untriggeredRegexRules = textRules.filter((rule): rule is RegexRuleRuntime => rule.kind === 'regex' && !rule.hasTrigger);
    this.piiRules = textRules.filter((rule): rule is PiiRuleRuntime => rule.kind === 'pii');
    this.piiDetectors = new Set(this.piiRules.flatMap((rule) => [...rule.detectors]));
    this.maskDetectors = new Set(this.piiRules.filter((rule) => rule.mask).flatMap((rule) => [...rule.detectors]));
  }

  classify(input: ClassifierInput): EngineHit[] {
    const facts = messageFacts(input);
    const active = this.activePolicies({ ...facts, at: facts.msgtime });
    if (!active) return [];
    const hits: EngineHit[] = [];
    this.classifyText(input.message.text, 'text', facts, facts.msgtype, active, hits);
    if (input.recalledText) this.classifyText(input.recalledText, 'recalled', facts, 'text', active, hits);
    this.classifyBehaviour(input, facts, active, hits);
    return hits;
  }

  /** Relationship events (deleted customers, private groups, consent) against the event rules. */
  classifyEvent(event: RelationshipChange, directory?: Directory): EngineHit[] {
    const hits: EngineHit[] = [];
    const builder = new HitBuilder();
    const employeeId = eventEmployee(event);
    const scope = { direction: undefined, employeeId, departments: employeeDepartments(directory, employeeId), at: event.occurredAt };
    let description: string | undefined;
    for (const rule of this.parts.eventRules) {
      if (!rule.policy.appliesTo(scope)) continue;
      const finding: EventFinding | undefined = rule.evaluate(event, builder);
      description ??= finding?.description;
    }
    if (builder.size > 0) builder.finish(description ?? event.type, 'text', hits);
    return hits;
  }

  /** Whose conduct a message shows (the key rate rules count by): the sender, or the employee a customer wrote to. */
  employeeOf(input: ClassifierInput): string | undefined {
    return messageFacts(input).employeeId;
  }

  /** Whose conduct an event shows: the employee who deleted or was deleted, the group's owner. */
  employeeOfEvent(event: RelationshipChange): string | undefined {
    return eventEmployee(event);
  }

  /** The stateful part: rate rules, counted through the service's shared counter. */
  rateEscalator(counter: WindowCounter): RateEscalator {
    return new RateEscalator(this.rateRules, counter);
  }

  private activePolicies(scope: ScopeFacts): Uint8Array | undefined {
    let any = false;
    const active = new Uint8Array(this.parts.policies.length);
    for (const policy of this.parts.policies) {
      if (policy.appliesTo(scope)) {
        active[policy.index] = 1;
        any = true;
      }
    }
    return any ? active : undefined;
  }

  private admitted(rule: TextRuleRuntime, facts: MessageFacts, msgtype: string, active: Uint8Array): boolean {
    return active[rule.policy.index] === 1 && rule.gate.admits(facts.speaker, facts.direction, msgtype);
  }

  private classifyText(text: string, source: HitSource, facts: MessageFacts, msgtype: string, active: Uint8Array, hits: EngineHit[]): void {
    if (!text) return;
    const builder = new HitBuilder();
    const touched = this.terms.scan(text, this.parts.ruleCount);
    let regexText: string | undefined;
    for (const index of touched) {
      const rule = this.parts.textRules[index];
      if (!rule || !this.admitted(rule, facts, msgtype, active)) continue;
      if (rule.kind === 'lexicon') rule.evaluate(text, this.terms.matchesOf(index), builder);
      else if (rule.kind === 'regex' && rule.hasTrigger) rule.evaluate((regexText ??= foldForRegex(text)), this.terms.matchesOf(index), builder);
    }
    for (const rule of this.untriggeredRegexRules) {
      if (this.admitted(rule, facts, msgtype, active)) rule.evaluate((regexText ??= foldForRegex(text)), this.terms.matchesOf(rule.index), builder);
    }
    let findings: PiiFinding[] | undefined;
    for (const rule of this.piiRules) {
      if (!this.admitted(rule, facts, msgtype, active)) continue;
      findings ??= detectPii(text, this.piiDetectors);
      rule.evaluate(findings, builder);
    }
    if (builder.size === 0) return;
    builder.finish(this.masked(text, findings), source, hits);
  }

  private masked(text: string, findings: PiiFinding[] | undefined): string {
    if (this.maskDetectors.size === 0) return text;
    const all = findings ?? detectPii(text, this.piiDetectors);
    return maskText(text, all.filter((finding) => this.maskDetectors.has(finding.detector)));
  }

  private classifyBehaviour(input: ClassifierInput, facts: MessageFacts, active: Uint8Array, hits: EngineHit[]): void {
    if (this.parts.behaviourRules.length === 0) return;
    let qrKinds: ReadonlySet<QrKind> | undefined;
    const context: BehaviourContext = {
      facts,
      amountFen: () => amountInFen(facts.msgtype, input.record),
      fileName: () => fileNameOf(facts.msgtype, input.message.text, input.record),
      qrKinds: () => (qrKinds ??= new Set((input.qrPayloads ?? (input.image ? decodeQrPayloads(input.image) : [])).map(qrKindOf))),
    };
    const builder = new HitBuilder();
    for (const rule of this.parts.behaviourRules) {
      if (active[rule.policy.index] === 1 && rule.gate.admits(facts.speaker, facts.direction, facts.msgtype)) rule.evaluate(context, builder);
    }
    if (builder.size > 0) builder.finish(this.describe(input, facts), 'text', hits);
  }

  /** A behaviour hit has no span: its excerpt says what was sent, PII masked. */
  private describe(input: ClassifierInput, facts: MessageFacts): string {
    const amount = amountInFen(facts.msgtype, input.record);
    const label = amount === undefined ? facts.msgtype : `${facts.msgtype} ¥${(amount / 100).toFixed(2)}`;
    const body = input.message.text || input.recalledText || '';
    return `[${label}] ${this.masked(body, undefined)}`;
  }
}

function eventEmployee(event: RelationshipChange): string | undefined {
  switch (event.type) {
    case 'group-created':
    case 'group-members-removed':
    case 'group-members-added':
    case 'group-dismissed':
      return event.ownerId;
    case 'group-changed':
    case 'department-updated':
    case 'department-deleted':
      return undefined;
    default:
      return event.employeeId;
  }
}
