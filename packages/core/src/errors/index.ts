export { ValidationError, formatIssue, type FieldIssue } from './validation-error';
export { ConflictError } from './conflict-error';
export { NotFoundError } from './not-found-error';
export { AlreadyExistsError } from './already-exists-error';
export { WiringError } from './wiring-error';
export { ExpiredError } from './expired-error';
export { LeadershipLostError } from './leadership-lost-error';
export { DurationSyntaxError } from './duration-syntax-error';
