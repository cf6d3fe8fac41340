/** Two file contents of different lengths, large enough that a random kill often lands while one is being written. */
export function crashTestContents(): [string, string] {
  const first = `[profile first]\n${'region = eu-west-1\n'.repeat(25_000)}`;
  const second = `[profile second]\n${'output = json\n'.repeat(20_000)}`;
  return [first, second];
}
