// JSON the gateway answers, held against the schema its OpenAPI description (/v3/api-docs) gives it.
import { rest } from './gateway.js';

let description;

/** The paths of the fields of an answer of `method path` with `status` that its description leaves out. */
export async function undescribedAnswer(json, method, path, status) {
  description ??= (await rest('GET', '/v3/api-docs')).json;
  const schema = description.paths[path][method].responses[status].content['application/json'].schema;
  return undescribed(json, schema, description);
}

/** The schema itself, or the component it refers to. */
export function resolve(schema, openapi) {
  const ref = schema?.$ref;
  return ref ? ref.slice(2).split('/').reduce((node, key) => node[key], openapi) : schema;
}

/** The paths of the fields in `value`, at any depth, that `schema` does not describe, or of another type. */
export function undescribed(value, schema, openapi, at = '', found = []) {
  const described = resolve(schema, openapi) ?? {};
  const type = described.type;
  if (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, field] of Object.entries(value)) {
      const property = described.properties?.[name];
      if (property) {
        undescribed(field, property, openapi, `${at}${name}.`, found);
      } else if (typeof described.additionalProperties !== 'object') {
        found.push(`${at}${name}`);
      }
    }
  } else if (type === 'array' && Array.isArray(value)) {
    value.forEach((item) => undescribed(item, described.items, openapi, at, found));
  } else if (type && !matches(value, type)) {
    found.push(`${at} (${type})`);
  }
  return found;
}

function matches(value, type) {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    default: return value === null || typeof value !== 'object';
  }
}
