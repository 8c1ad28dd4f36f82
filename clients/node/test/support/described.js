// JSON the gateway answers, held against what its OpenAPI description (/v3/api-docs) says the operation answers.

/**
 * What in a call of `method` to `path` (as sent, query and all) its description does not say: a status it does not
 * list, a media type it does not give for an answer with a body (`answered`; by default whether there is `json`), the
 * paths of JSON answer fields it leaves out or types otherwise, and, when the gateway took the request (2xx), of the
 * JSON body's fields (`body.` before each). Empty when the call is as described, or when no described operation
 * matches (the description itself, the mailbox).
 */
export function unlikeDescription(openapi, method, path, { status, contentType, json, body, answered = json != null }) {
  const operation = describedOperation(openapi, method, path)?.operation;
  if (!operation) return [];
  const taken = status >= 200 && status < 300 ? undescribedBody(body, operation, openapi) : [];
  const response = operation.responses[String(status)] ?? operation.responses.default;
  if (!response) return [`status ${status} is not described`, ...taken];
  if (!answered) return taken;
  const type = (contentType ?? '').split(';')[0].trim();
  const content = response.content?.[type];
  if (!content) return [`${status} ${type} is not described (${Object.keys(response.content ?? {}).join(', ') || 'no body'})`, ...taken];
  return [...(json !== null && typeof json === 'object' ? undescribed(json, content.schema, openapi) : []), ...taken];
}

/** Every operation the description lists, as `get /api/v1/events/{event_id}`. */
export function describedOperations(openapi) {
  return Object.entries(openapi.paths)
    .flatMap(([template, operations]) => Object.keys(operations).map((method) => `${method} ${template}`));
}

/** The described operation a call falls under, as describedOperations names it; undefined when none does. */
export function operationName(openapi, method, path) {
  const found = describedOperation(openapi, method, path);
  return found && `${method.toLowerCase()} ${found.template}`;
}

/** The fields of a JSON body the operation took that its request body's description leaves out or types otherwise. */
function undescribedBody(body, operation, openapi) {
  if (body === undefined) return [];
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return ['body: the operation describes no JSON body'];
  return undescribed(body, schema, openapi).map((field) => `body.${field}`);
}

/** The described operation a call falls under, the one with fewest templated segments if several do: {template, operation}. */
function describedOperation(openapi, method, path) {
  method = method.toLowerCase();
  const segments = path.split('?')[0].split('/');
  let best;
  for (const [template, operations] of Object.entries(openapi.paths)) {
    const parts = template.split('/');
    if (!operations[method] || parts.length !== segments.length) continue;
    const templated = parts.filter((part) => part.startsWith('{')).length;
    const fits = parts.every((part, i) => part.startsWith('{') ? segments[i] !== '' : part === segments[i]);
    if (fits && (!best || templated < best.templated)) best = { templated, template, operation: operations[method] };
  }
  return best;
}

/** The schema itself, or the component it refers to. */
function resolve(schema, openapi) {
  const ref = schema?.$ref;
  return ref ? ref.slice(2).split('/').reduce((node, key) => node[key], openapi) : schema;
}

/**
 * The paths of the fields in `value`, at any depth, that `schema` does not describe or describes with another type
 * (`seats[].state`). A field the schema does not name is caught even where it allows more (additionalProperties:
 * true, as the Problem does, which names its details one by one); only a map (additionalProperties a schema) takes any.
 */
function undescribed(value, schema, openapi, at = '', found = []) {
  const described = resolve(schema, openapi) ?? {};
  const alternatives = described.anyOf ?? described.oneOf;
  if (alternatives) {
    // what the closest alternative leaves out: none when one of them describes the value
    const each = alternatives.map((alternative) => undescribed(value, alternative, openapi, at, []));
    found.push(...each.reduce((closest, next) => (next.length < closest.length ? next : closest)));
    return [...new Set(found)];
  }
  // a schema that gives properties or items without a type (the records' do) describes an object or array all the same
  const type = described.type ?? (described.properties ? 'object' : described.items ? 'array' : undefined);
  const inside = (name) => (at ? `${at}.${name}` : name);
  if (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const map = typeof described.additionalProperties === 'object' ? described.additionalProperties : null;
    for (const [name, field] of Object.entries(value)) {
      const property = described.properties?.[name] ?? map;
      if (property) {
        undescribed(field, property, openapi, inside(name), found);
      } else {
        found.push(inside(name));
      }
    }
  } else if (type === 'array' && Array.isArray(value)) {
    value.forEach((item) => undescribed(item, described.items, openapi, `${at}[]`, found));
  } else if (type && !matches(value, type)) {
    found.push(`${at || '(the answer)'} is not ${type}`);
  }
  return [...new Set(found)];
}

function matches(value, type) {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return value === null || typeof value !== 'object';
  }
}
