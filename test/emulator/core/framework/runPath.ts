import { encodeGoJson } from '../../go/marshalGoJson';
import { badRequest, unsupportedOperation, unsupportedPath } from '../vaultHttpError';
import type { HandlerOutcome } from '../logicalResponse';
import { convertField } from './convertField';
import { findPath, type Backend, type BackendRequest, type FieldValues, type PathSpec } from './pathSpec';

/**
 * Routes a request through a backend's path table the way Vault's `framework.Backend.HandleRequest`
 * does: 404 for no matching path, 405 for an operation the path lacks, 400 when a supplied field
 * does not convert, then the handler, then warnings about ignored and replaced parameters.
 */
export function runPath(backend: Backend, request: BackendRequest): HandlerOutcome {
  const found = findPath(backend, request.subpath, request.context.features());
  if (found === undefined) {
    throw unsupportedPath();
  }

  const { spec, captures } = found;
  const handler = spec.operations[request.operation];
  if (request.operation === 'help') {
    return helpResponse(spec);
  }

  if (handler === undefined) {
    throw unsupportedOperation();
  }

  const raw: Record<string, unknown> = { ...(request.data ?? {}) };
  const ignored = spec.takesArbitraryInput === true ? [] : Object.keys(raw).filter((name) => spec.fields[name] === undefined).sort();
  const replaced = Object.keys(captures).filter((name) => raw[name] !== undefined && raw[name] !== null).sort();
  Object.assign(raw, captures);

  const fields = convertFields(spec, raw);
  const outcome = handler({ request, fields });
  if (outcome?.kind === 'logical') {
    if (ignored.length > 0) {
      outcome.warnings.push(`Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`);
    }

    if (replaced.length > 0) {
      outcome.warnings.push(`Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [${replaced.join(' ')}]`);
    }
  }

  return outcome;
}

/** Converts the supplied fields of a path; throws 400 `Field validation failed: …` for the first field that does not convert. */
export function convertFields(spec: Pick<PathSpec, 'fields'>, raw: Record<string, unknown>): FieldValues {
  const values = new Map<string, unknown>();
  // Go iterates the map in random order, so with several bad fields Vault names any one; this names the first in schema order.
  for (const [name, type] of Object.entries(spec.fields)) {
    if (!(name in raw)) {
      continue;
    }

    let converted: unknown;
    try {
      converted = convertField(type, raw[name]);
    } catch (error) {
      throw badRequest(`Field validation failed: error converting input for field ${JSON.stringify(name)}: ${(error as Error).message}`);
    }

    if (raw[name] !== null && converted !== undefined) {
      values.set(name, converted);
    }
  }

  return {
    has: (name) => values.has(name),
    get: <T>(name: string) => values.get(name) as T | undefined,
    string: (name, fallback = '') => {
      const value = values.get(name);
      return typeof value === 'string' ? value : fallback;
    },
  };
}

function helpResponse(spec: PathSpec): HandlerOutcome {
  const help = `## DESCRIPTION\n\n${spec.synopsis}`;
  // Vault also returns an OpenAPI document under `openapi`; the emulator sends null there.
  return {
    kind: 'raw',
    status: 200,
    body: encodeGoJson(new Map([['help', help], ['openapi', null], ['see_also', null]])),
  };
}
