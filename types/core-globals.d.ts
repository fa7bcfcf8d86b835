// The few host globals the pure core may use: present in Node 20, browsers and workers alike.
// Declared here so twin/ and simulation/ type-check without the DOM or Node libraries.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
declare const performance: { now(): number };
