/**
 * Errors the user can fix. The CLI prints them as one line and exits 2;
 * anything else is a bug and keeps its stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration file that cannot be read or does not match the schema. */
export class ConfigError extends UserError {}

/** Bad command-line usage: a missing directory, an unknown rule or format. */
export class UsageError extends UserError {}
