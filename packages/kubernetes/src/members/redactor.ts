/** What stands in for a secret in a message. @public */
export const REDACTED = '[redacted]';

/** Shorter strings are too likely to occur by chance to be replaced everywhere. */
const MIN_SECRET_LENGTH = 6;

/**
 * Replaces every known secret of one member (bearer token, password, private key, exec plugin
 * environment values) in a text, so an error from TLS, an exec plugin or the member's API can be
 * logged and shown as is. Base64 and decoded forms are both known.
 * @public
 */
export class Redactor {
  private secrets: string[] = [];

  constructor(secrets: Iterable<string | undefined | null> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Learns one more secret (say, a key file's content once it has been read). */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    const forms = [secret, secret.trim()].filter(
      (form) => form.length >= MIN_SECRET_LENGTH && !this.secrets.includes(form),
    );
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...this.secrets, ...new Set(forms)].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}
