import type { ServiceModel, Shape } from "./model";

export interface Violation {
  // "serialization" = the value has the wrong JSON type (AWS answers SerializationException);
  // "constraint" = right type, but a modelled constraint fails (AWS answers ValidationException).
  kind: "serialization" | "constraint";
  path: string;
  message: string;
}

const patternCache = new Map<string, RegExp | null>();

// Model patterns are written for Java's regex engine; the few Java-only classes they use are
// rewritten, and a pattern JS still cannot compile is skipped rather than guessed at.
function compilePattern(pattern: string): RegExp | null {
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached;
  const js = pattern.replaceAll("\\p{LD}", "[\\p{L}\\p{Nd}]").replaceAll("\\p{Punct}", "[!-\\/:-@\\[-`{-~]");
  let compiled: RegExp | null = null;
  for (const flags of ["u", ""]) {
    try {
      compiled = new RegExp(js, flags);
      break;
    } catch {
      compiled = null;
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// Stands for a sensitive member's value, which an error message must not repeat.
const HIDDEN = Symbol("hidden");

function show(value: unknown): string {
  if (value === HIDDEN) return "'***'";
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  return `'${JSON.stringify(value)}'`;
}

function constraint(path: string, value: unknown, rule: string): Violation {
  return { kind: "constraint", path, message: `Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${rule}` };
}

function typeError(path: string, expected: string): Violation {
  return { kind: "serialization", path, message: `Unexpected value type at '${path || "body"}': expected ${expected}` };
}

function checkLength(path: string, value: unknown, length: number, shape: Shape, out: Violation[]): void {
  if (shape.min !== undefined && length < shape.min) out.push(constraint(path, value, `have length greater than or equal to ${shape.min}`));
  if (shape.max !== undefined && length > shape.max) out.push(constraint(path, value, `have length less than or equal to ${shape.max}`));
}

export function validateShape(model: ServiceModel, shapeName: string, value: unknown, path = "", out: Violation[] = []): Violation[] {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`shape ${shapeName} is not in the model`);
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        out.push(typeError(path, "an object"));
        break;
      }
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) out.push(constraint(join(path, name), null, "not be null"));
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = record[name];
        if (member !== undefined && member !== null) validateShape(model, ref.shape, member, join(path, name), out);
      }
      break;
    }
    case "list": {
      if (!Array.isArray(value)) {
        out.push(typeError(path, "a list"));
        break;
      }
      checkLength(path, value, value.length, shape, out);
      value.forEach((item, i) => {
        if (shape.member) validateShape(model, shape.member.shape, item, `${path}.${i + 1}.member`, out);
      });
      break;
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        out.push(typeError(path, "a map"));
        break;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(path, value, entries.length, shape, out);
      for (const [k, v] of entries) {
        if (shape.key) validateShape(model, shape.key.shape, k, `${path}.key`, out);
        if (shape.value) validateShape(model, shape.value.shape, v, `${path}.${k}`, out);
      }
      break;
    }
    case "string": {
      if (typeof value !== "string") {
        out.push(typeError(path, "a string"));
        break;
      }
      const shown = shape.sensitive ? HIDDEN : value;
      checkLength(path, shown, [...value].length, shape, out);
      if (shape.enum && !shape.enum.includes(value))
        out.push(constraint(path, shown, `satisfy enum value set: [${shape.enum.join(", ")}]`));
      if (shape.pattern) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(value)) out.push(constraint(path, shown, `satisfy regular expression pattern: ${shape.pattern}`));
      }
      break;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        out.push(typeError(path, "an integer"));
        break;
      }
      if (shape.min !== undefined && value < shape.min)
        out.push(constraint(path, value, `have value greater than or equal to ${shape.min}`));
      if (shape.max !== undefined && value > shape.max) out.push(constraint(path, value, `have value less than or equal to ${shape.max}`));
      break;
    }
    case "double":
    case "float":
      if (typeof value !== "number") out.push(typeError(path, "a number"));
      break;
    case "boolean":
      if (typeof value !== "boolean") out.push(typeError(path, "a boolean"));
      break;
    case "timestamp":
      // AWS JSON 1.1 sends timestamps as epoch seconds.
      if (typeof value !== "number") out.push(typeError(path, "epoch seconds"));
      break;
    case "blob":
      if (typeof value !== "string") out.push(typeError(path, "a base64 string"));
      break;
    default:
      break;
  }
  return out;
}

function join(path: string, member: string): string {
  return path ? `${path}.${lowerFirst(member)}` : lowerFirst(member);
}

export function validationMessage(violations: Violation[]): string {
  const shown = violations.slice(0, 10).map((v) => v.message);
  const n = violations.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${shown.join("; ")}`;
}
