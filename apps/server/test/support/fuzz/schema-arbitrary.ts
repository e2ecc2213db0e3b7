/**
 * Request values shaped like a route's zod schema (through its JSON Schema), with hostile strings in the string
 * slots and now and then a value of the wrong type. Shaped values get past the validator to the handler and the
 * database, which is where a hostile string turns into a 500 if anything does.
 */
import fc from 'fast-check';
import { z, type ZodType } from 'zod';
import { hostileNumber, hostileString, hostileValue } from './hostile-values.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export interface ShapeOptions {
  /** Real ids and codes of the test's world, so shaped values reach rows that exist. */
  known: readonly string[];
}

/** The JSON Schema of a zod schema as a client would send it; undefined when it is not a zod schema. */
export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(schema as ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Usually the right thing; sometimes a hostile value of any type. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: hostileValue() });
}

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true });

function stringArb(s: JsonSchema, o: ShapeOptions): fc.Arbitrary<unknown> {
  const known = o.known.length ? fc.constantFrom(...o.known) : fc.constant('x');
  switch (s.format) {
    case 'uuid':
      return fc.oneof(
        { weight: 4, arbitrary: known },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: hostileString() },
      );
    case 'date-time':
      return fc.oneof(
        { weight: 4, arbitrary: isoDate.map((d) => d.toISOString()) },
        { weight: 1, arbitrary: hostileString() },
      );
    case 'date':
      return fc.oneof(
        { weight: 4, arbitrary: isoDate.map((d) => d.toISOString().slice(0, 10)) },
        { weight: 1, arbitrary: hostileString() },
      );
    case 'email':
      return fc.oneof(fc.emailAddress(), hostileString());
    case 'uri':
    case 'url':
      return fc.oneof(fc.webUrl(), hostileString());
  }
  const sized = (min = 0, max = 40) =>
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, Math.max(min, 40)) });
  const choices: fc.Arbitrary<string>[] = [hostileString(), known, sized(s.minLength, s.maxLength)];
  if (s.pattern) {
    try {
      choices.push(fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? Infinity)));
    } catch {
      // A pattern fast-check cannot generate from: the other choices still cover the slot.
    }
  }
  return fc.oneof(...choices);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  const inRange = integer
    ? fc.integer({
        min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
        max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
      })
    : fc.double({ min, max, noNaN: true });
  const edges = fc.constantFrom(min, max).filter((x) => Number.isFinite(x));
  return fc.oneof(
    { weight: 4, arbitrary: inRange },
    { weight: 2, arbitrary: edges },
    { weight: 1, arbitrary: hostileNumber() },
  );
}

function objectArb(s: JsonSchema, o: ShapeOptions, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) shape[k] = arbitraryFor(v, o, root, depth + 1);
  const known = fc.record(shape, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
  const extraValue =
    typeof s.additionalProperties === 'object'
      ? arbitraryFor(s.additionalProperties, o, root, depth + 1)
      : hostileValue();
  const extra = fc.dictionary(
    fc.oneof(hostileString(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version')),
    extraValue,
    { maxKeys: 3 },
  );
  const withExtra = fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
  const extraWeight = typeof s.additionalProperties === 'object' || Object.keys(props).length === 0 ? 4 : 1;
  return fc.oneof({ weight: 6, arbitrary: known }, { weight: extraWeight, arbitrary: withExtra });
}

function resolve(ref: string, root: JsonSchema): JsonSchema {
  const name = ref.replace(/^#\/\$defs\//, '');
  if (ref === '#') return root;
  return root.$defs?.[name] ?? {};
}

/** An arbitrary for one JSON Schema node. */
export function arbitraryFor(s: JsonSchema, o: ShapeOptions, root: JsonSchema = s, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 7) return hostileValue();
  if (s.$ref) return arbitraryFor(resolve(s.$ref, root), o, root, depth + 1);
  if (s.const !== undefined) return mostly(fc.constant(s.const));
  if (s.enum) return mostly(fc.constantFrom(...s.enum));
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, o, root, depth + 1)));
  if (s.allOf?.length) return arbitraryFor(Object.assign({}, ...s.allOf), o, root, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...s, type }, o, root, depth)));
  switch (types[0]) {
    case 'string':
      return stringArb(s, o);
    case 'integer':
      return mostly(numberArb(s, true));
    case 'number':
      return mostly(numberArb(s, false));
    case 'boolean':
      return mostly(fc.boolean());
    case 'null':
      return mostly(fc.constant(null));
    case 'array': {
      const item = s.items ? arbitraryFor(s.items, o, root, depth + 1) : hostileValue();
      const minLength = Math.min(s.minItems ?? 0, 3);
      return mostly(fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 4)) }));
    }
    case 'object':
      return mostly(objectArb(s, o, root, depth));
  }
  if (s.properties) return objectArb(s, o, root, depth);
  return hostileValue();
}
