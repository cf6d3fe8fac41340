/** Formats errors the way `hashicorp/go-multierror` does, which is how Vault core wraps its own errors. */
export function formatMultiError(messages: readonly string[]): string {
  const heading = messages.length === 1 ? '1 error occurred:' : `${messages.length} errors occurred:`;
  const lines = messages.map((message) => `\t* ${message}`);
  return `${heading}\n${lines.join('\n')}\n\n`;
}
