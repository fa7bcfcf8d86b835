// Types for @openpgp/seek-bzip (a CommonJS package without its own): only the one-shot decoder the twin uses.
declare module '@openpgp/seek-bzip' {
  /** Decodes a whole bzip2 stream; `multistream` also reads streams concatenated after the first (pbzip2, lbzip2). */
  export function decode(input: Uint8Array, output?: number | Uint8Array, multistream?: boolean): Uint8Array;
}
