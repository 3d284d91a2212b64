/** The parts of a `metav1.Status` failure the double fills in. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { type?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

/**
 * A failed API call, answered as kube-apiserver answers it: the HTTP code and a `Status`
 * object with the same `reason` (so clients' `IsConflict`, `IsNotFound`, ... work).
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `resource` is the qualified resource name, e.g. `deployments.apps`. */
export function notFound(resource: string, name: string, group: string, kind: string): ApiError {
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name, group, kind });
}

export function alreadyExists(
  resource: string,
  name: string,
  group: string,
  kind: string,
): ApiError {
  return new ApiError(409, 'AlreadyExists', `${resource} "${name}" already exists`, {
    name,
    group,
    kind,
  });
}

export function conflict(
  resource: string,
  name: string,
  group: string,
  kind: string,
  why: string,
): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": ${why}`,
    {
      name,
      group,
      kind,
    },
  );
}

export const STALE_OBJECT =
  'the object has been modified; please apply your changes to the latest version and try again';

export function invalid(
  kind: string,
  name: string,
  group: string,
  causes: { field: string; message: string }[],
): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiError(
    422,
    'Invalid',
    `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${text}`,
    {
      name,
      group,
      kind,
      causes: causes.map((c) => ({
        type: 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}
