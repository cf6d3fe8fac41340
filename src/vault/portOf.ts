/** Returns the port of `url`, or the scheme's default when the URL names none. */
export function portOf(url: URL): number {
  if (url.port !== '') {
    return Number(url.port);
  }

  return url.protocol === 'https:' ? 443 : 80;
}
