import { acceptMilestones, type CheckedItem } from './acceptMilestones';
import { compareByDefinition } from './compareByDefinition';
import { type Check, createSchemaChecks, isObj, type SchemaChecks, type ValidationIssue } from './createSchemaChecks';
import { definitionSchema, isId } from './definitionSchema';
import { didYouMean } from './didYouMean';
import type { LevelDefinition, MilestoneDefinition } from '../types';

export type { ValidationIssue } from './createSchemaChecks';

/** What `validateDefinitions` found, and the definitions that passed. */
export interface ValidationResult {
  /** No errors (warnings allowed). */
  valid: boolean;
  errors: ValidationIssue[];
  /** Unknown keys outside rules: reported, harmless. */
  warnings: ValidationIssue[];
  /** The valid milestones, in input order, as given. */
  milestones: MilestoneDefinition[];
  /** The valid levels, in input order, as given. */
  levels: LevelDefinition[];
}

/**
 * Checks milestone and level definitions (the content of a `milestones.json`, or a bare array of milestones).
 * Invalid items are rejected one by one, naming the path; the valid ones are returned. Every problem of every item
 * is reported (errors and warnings each sorted by path), with "did you mean" hints for unknown keys and milestone
 * ids. An unknown key inside a rule is an error, since a typo (`cuont`) would change what the rule means; unknown
 * keys elsewhere are warnings. Never throws.
 *
 * @example
 * const { valid, errors, milestones } = validateDefinitions({
 *   milestones: [{ id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', count: 0 } }],
 * });
 * // valid === false, errors: [{ path: 'milestones[0].rule.count', message: 'expected a positive integer' }]
 */
export function validateDefinitions(json: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const checks = createSchemaChecks(errors, warnings);
  const E = checks.report_;
  const items = createItemChecks(checks, errors);
  const schema = definitionSchema(checks, items.onRef_);
  let ms: CheckedItem[] = [];
  let lv: CheckedItem[] = [];
  let done = new Set<string>();
  const named = new Set<string>();
  const refMessage = (r: string) =>
    named.has(r) ? `invalid milestone "${r}"` : `unknown milestone "${r}"${didYouMean(r, named)}`;
  try {
    const arr = Array.isArray(json);
    if (!arr && !isObj(json)) E('', 'expected { milestones, levels } or an array');
    else {
      if (!arr) checks.obj_({ milestones: schema.ok, levels: schema.ok })(json, '');
      ms = items.check_('milestones', schema.milestone, arr ? json : json.milestones, named);
      done = acceptMilestones(ms, E, refMessage);
      lv = items
        .check_('levels', schema.level, arr ? [] : json.levels)
        .filter((l) => !l.refs.filter(([r, p]) => !done.has(r) && E(p, refMessage(r))).length);
      // An element rejected for something else may also name an id that does not exist: said now, not after a fix.
      for (const [r, p] of items.failedRefs_) if (!named.has(r)) E(p, refMessage(r));
    }
  } catch {
    E('', 'expected plain JSON');
  }
  const byPath = (a: ValidationIssue, b: ValidationIssue) => compareByDefinition(a.path, b.path);
  return {
    valid: !errors.length,
    errors: errors.sort(byPath),
    warnings: warnings.sort(byPath),
    milestones: ms.filter((m) => done.has(m.id)).map((m) => m.v as MilestoneDefinition),
    levels: lv.map((l) => l.v as LevelDefinition),
  };
}

/** Checks the elements of one array (milestones or levels) one by one, collecting the references each names. */
function createItemChecks(checks: SchemaChecks, errors: ValidationIssue[]) {
  let refs: CheckedItem['refs'] = [];
  // The milestone references of the elements that failed their own checks: an unknown id there is reported too.
  const failedRefs: CheckedItem['refs'] = [];
  return {
    onRef_: (id: string, path: string) => void refs.push([id, path]),
    failedRefs_: failedRefs,
    /** Checks each element; returns those that passed. `seen` collects the ids claimed. */
    check_(key: string, c: Check, arr: unknown = [], seen = new Set<string>()) {
      const out: CheckedItem[] = [];
      if (!Array.isArray(arr)) {
        checks.report_(key, 'expected an array');
        return out;
      }
      for (let i = 0; i < arr.length; i++) {
        const p = `${key}[${i}]`;
        const n = errors.length;
        refs = [];
        try {
          const v = arr[i];
          JSON.stringify(v); // throws on cycles, BigInt and throwing getters, which only JS callers can produce
          c(v, p);
          if (isId(v?.id)) {
            if (seen.has(v.id)) checks.report_(p + '.id', `duplicate id "${v.id}"`);
            else seen.add(v.id);
          }
          if (errors.length === n) out.push({ v, id: v.id, refs, n: refs.length, d: [] });
          else failedRefs.push(...refs);
        } catch {
          checks.report_(p, 'expected plain JSON');
        }
      }
      return out;
    },
  };
}
