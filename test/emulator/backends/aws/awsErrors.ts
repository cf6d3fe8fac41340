import { randomUuid } from '../../core/randomValues';

/** A failed simulated AWS call; `text` is the error as aws-sdk-go v1 prints it. */
export class AwsCallError extends Error {
  constructor(
    readonly text: string,
    /** AWS throttling, which Vault maps to 502 instead of 400. */
    readonly throttled = false,
  ) {
    super(text);
  }
}

/** Builds a service error, printed as `<Code>: <Message>\n\tstatus code: <n>, request id: <uuid>`. */
export function awsServiceError(code: string, message: string, statusCode: number): AwsCallError {
  return new AwsCallError(`${code}: ${message}\n\tstatus code: ${statusCode}, request id: ${randomUuid()}`, code === 'Throttling');
}

/** aws-sdk-go's client-side parameter validation error (`request.ErrInvalidParams`). */
export function invalidParameters(messages: readonly string[]): AwsCallError {
  const lines = messages.map((message) => `- ${message}\n`).join('');
  return new AwsCallError(`InvalidParameter: ${messages.length} validation error(s) found.\n${lines}`);
}

/** STS's own constraint check of the request fields, sent back as `ValidationError`. */
export function constraintViolations(violations: readonly string[]): AwsCallError {
  const heading = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  return awsServiceError('ValidationError', `${heading}: ${violations.join('; ')}`, 400);
}
