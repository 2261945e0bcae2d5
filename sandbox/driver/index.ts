export { SlackDriver } from './driver';
export type { ActionSource, CommandResult, DriverResponse, EventResult, InteractionResult, RawRequest, SlackDriverOptions, SubmitResult } from './driver';
export type { SubmissionOutcome } from './acks';
export type { InputValue } from './element-values';
export { SlackClientValidationError, type SubmitValues } from './view-state';
export { slackSignature, signedHeaders } from './signing';
