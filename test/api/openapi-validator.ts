// The contract check: every response an API test sees must be one the OpenAPI document describes (its
// status, its content type) and its body must validate against the documented schema (ajv, JSON Schema
// 2020-12, the dialect OpenAPI 3.1 uses).
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

type Json = Record<string, unknown>;
const DOC_ID = "https://portal.invalid/api/v1/openapi.json";

let ajv: Ajv2020 | undefined;
function validatorHost(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...(JSON.parse(JSON.stringify(openApiDocument())) as Json), $id: DOC_ID });
  return ajv;
}

export function documentOf(): Json {
  return JSON.parse(JSON.stringify(openApiDocument())) as Json;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** Every $ref in the document, each checked to point at something. */
export function unresolvedRefs(doc: Json): string[] {
  const missing: string[] = [];
  const resolve = (ref: string) =>
    ref
      .replace(/^#\//, "")
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Json)) {
        if (k === "$ref" && typeof v === "string" && (!v.startsWith("#/") || resolve(v) === undefined)) missing.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  return missing;
}

export interface CheckedResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null for an empty one. */
  body: unknown;
}

/** Checks the response against the document and returns it read (the body can be read only once). */
export async function expectMatchesContract(method: string, pathTemplate: string, response: Response): Promise<CheckedResponse> {
  const doc = documentOf();
  const op = ((doc.paths as Json)[pathTemplate] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  expect(op, `${method} ${pathTemplate} is not in the OpenAPI document`).toBeDefined();
  const responses = op!.responses as Json;
  const status = String(response.status);
  const documented = (responses[status] ?? responses.default) as Json | undefined;
  expect(documented, `${method} ${pathTemplate} answered ${status}, which the document does not describe`).toBeDefined();
  const text = await response.text();
  if (text === "") {
    expect(response.headers.get("content-type"), `an empty ${status} carries no content type`).toBeNull();
    return { status: response.status, headers: response.headers, body: null };
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const content = documented!.content as Json | undefined;
  expect(Object.keys(content ?? {}), `${method} ${pathTemplate} ${status} answered ${type}`).toContain(type);
  const body = JSON.parse(text) as unknown;
  const key = responses[status] ? status : "default";
  const ref = `${DOC_ID}#/${pointer("paths", pathTemplate, method.toLowerCase(), "responses", key, "content", type, "schema")}`;
  const validate = validatorHost().getSchema(ref) ?? validatorHost().compile({ $ref: ref });
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${method} ${pathTemplate} ${status} body: ${text.slice(0, 600)}`).toEqual([]);
  return { status: response.status, headers: response.headers, body };
}
